import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages';

describe('screen texts', () => {
  it('every key exists in Chinese and English, none empty', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
    for (const [key, text] of Object.entries(MESSAGES.en)) expect(text, key).not.toBe('');
  });
});
