import { describe, expect, it } from 'vitest';
import { judgeStreamEntry } from './judgeStreamEntry';

describe('judgeStreamEntry', () => {
  it('applies the next delta of the same owner, also when it overlaps', () => {
    expect(judgeStreamEntry({ seq: 5, epoch: 2 }, 2, { fromSeq: 6, seq: 8 })).toEqual({ verdict: 'apply' });
    expect(judgeStreamEntry({ seq: 5, epoch: 2 }, 2, { fromSeq: 4, seq: 8 })).toEqual({ verdict: 'apply' });
  });
  it('skips what it already has', () => {
    expect(judgeStreamEntry({ seq: 9, epoch: 2 }, 2, { fromSeq: 6, seq: 8 })).toEqual({ verdict: 'stale' });
  });
  it('takes a snapshot over a gap', () => {
    expect(judgeStreamEntry({ seq: 5, epoch: 2 }, 2, { fromSeq: 9, seq: 12 })).toEqual({
      verdict: 'resync',
      resyncFrom: 8,
    });
  });
  it('joins a new owner that continues exactly where it stands, and otherwise takes its snapshot', () => {
    expect(judgeStreamEntry({ seq: 5, epoch: 2 }, 3, { fromSeq: 6, seq: 7 })).toEqual({ verdict: 'apply' });
    // A new owner whose line went back (it was behind): overlapping is not joining.
    expect(judgeStreamEntry({ seq: 5, epoch: 2 }, 3, { fromSeq: 4, seq: 7 })).toEqual({
      verdict: 'resync',
      resyncFrom: 3,
    });
  });
  it('takes the cluster snapshot first when its model is still its own', () => {
    expect(judgeStreamEntry({ seq: 5, epoch: null }, 1, { fromSeq: 6, seq: 7 })).toMatchObject({
      verdict: 'resync',
    });
  });
});
