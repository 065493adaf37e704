import { describe, expect, it } from 'vitest';
import { AREAS, MESSAGES } from './messages';

describe('screen texts', () => {
  it('every key exists in Chinese and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
    for (const [key, text] of Object.entries(MESSAGES.en)) expect(text, key).not.toBe('');
  });
});

describe('areas of texts', () => {
  it('no key is defined by two areas (a clash would make the key type collapse)', () => {
    const seen = new Map<string, number>();
    for (const area of AREAS) for (const k of Object.keys(area['zh-CN'])) seen.set(k, (seen.get(k) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });
});
