import { describe, expect, it } from 'vitest';
import { createEmptyModel } from '../../live-model/createEmptyModel';
import { parseLeaseHolder } from './clusterScripts';
import { parseClusterSnapshot, parseDeltaEntry, seqOfEntryId } from './parseClusterMessages';

const delta = { fromSeq: 4, seq: 6, asOf: null, changes: [] };

describe('what the cluster reads back from Redis', () => {
  it('reads a stream entry: epoch and delta', () => {
    const r = parseDeltaEntry(['6-0', ['e', '3', 'd', JSON.stringify(delta)]]);
    expect(r).toEqual({ ok: true, value: { id: '6-0', epoch: 3, delta } });
    expect(seqOfEntryId('6-0')).toBe(6);
  });
  it.each([
    [['e', 'x', 'd', JSON.stringify(delta)], 'stream entry 7-0: no epoch'],
    [['e', '1', 'd', '{"fromSeq":1}'], 'stream entry 7-0: not a delta'],
    [['e', '1', 'd', '{broken'], 'stream entry 7-0: '],
    [['e', '1'], 'stream entry 7-0: '],
    [['d', JSON.stringify({ ...delta, fromSeq: 9 }), 'e', '1'], 'stream entry 7-0: not a delta'],
  ])('refuses a malformed entry %j with a reason', (fields, reason) => {
    const r = parseDeltaEntry(['7-0', fields]);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason.startsWith(reason)).toBe(true);
  });
  it('reads the snapshot, or says why not', () => {
    const model = createEmptyModel();
    expect(parseClusterSnapshot(null)).toBeNull();
    expect(parseClusterSnapshot(JSON.stringify({ epoch: 2, seq: 10, model }))).toEqual({
      ok: true,
      value: { epoch: 2, seq: 10, model },
    });
    expect(parseClusterSnapshot('{"epoch":2}')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^cluster snapshot: /),
    });
    expect(parseClusterSnapshot('nope')).toMatchObject({ ok: false });
  });
  it('reads a lease value id|epoch|url', () => {
    expect(parseLeaseHolder('gw-a|7|http://10.0.0.5:8080/')).toEqual({
      id: 'gw-a',
      epoch: 7,
      url: 'http://10.0.0.5:8080/',
      value: 'gw-a|7|http://10.0.0.5:8080/',
    });
    expect(parseLeaseHolder(null)).toBeNull();
    expect(parseLeaseHolder('gw-a|x|http://h/')).toBeNull();
  });
});
