import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escapeHtml';

describe('escapeHtml', () => {
  it('leaves nothing a browser would parse as markup or an attribute break', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`"'\`&`)).toBe('&#34;&#39;&#96;&amp;');
    expect(escapeHtml('人员聚集 · 安富街道')).toBe('人员聚集 · 安富街道');
    expect(escapeHtml(null)).toBe('');
  });
});
