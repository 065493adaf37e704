/**
 * Privacy at the edge: party names are masked to surname + 某 (陈某), phone and ID numbers
 * are removed from text before anything is stored or shown. Ids are never touched.
 * An item is never rejected for carrying personal data; the gateway counts what it masked.
 */

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '司徒',
  '夏侯',
  '长孙',
  '宇文',
];

export const PHONE_MASK = '[号码已隐去]';
export const ID_MASK = '[证件号已隐去]';

// Digits bounded by non-digits so that 20-digit GB/T 28181 ids in a text are left alone.
const ID_NUMBER = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;
// A name is 2–3 characters; prefer the shortest one followed by a word that ends it (称, 反映, 因 …).
const NAME_AFTER_ROLE =
  /(当事人|申请人|被申请人|报警人|反映人|投诉人|来电人|求助人|举报人|户主)([:：]?\s*)((?:[\u4e00-\u9fa5][\u4e00-\u9fa5]{1,2}?(?=称|说|反映|报|因|与|和|在|于|的|向|到|家|，|,|。|、|\s|$))|[\u4e00-\u9fa5]{2,3})/g;

/**
 * Masks one person's name: 陈明华 → 陈某, 欧阳娜娜 → 欧阳某, Zhang Wei → Z.; already masked stays.
 * @example maskName('陈明华') // '陈某'
 */
export function maskName(name: string): string {
  const n = name.trim();
  if (n === '' || n.endsWith('某')) return n;
  if (/^[\u4e00-\u9fa5·]+$/.test(n)) {
    const surname = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length) ?? n.slice(0, 1);
    return `${surname}某`;
  }
  return `${n.slice(0, 1).toUpperCase()}.`;
}

/**
 * Removes phone and ID numbers and masks names that follow a role word (当事人陈明华 → 当事人陈某),
 * and any of `knownNames` (the parties of a case) wherever they appear.
 * @example maskText('报警人王小明，电话13812345678') // { text: '报警人王某，电话[号码已隐去]', count: 2 }
 */
export function maskText(text: string, knownNames: readonly string[] = []): { text: string; count: number } {
  let count = 0;
  let out = text.replace(ID_NUMBER, () => {
    count++;
    return ID_MASK;
  });
  out = out.replace(MOBILE, () => {
    count++;
    return PHONE_MASK;
  });
  out = out.replace(LANDLINE, () => {
    count++;
    return PHONE_MASK;
  });
  out = out.replace(NAME_AFTER_ROLE, (whole, role: string, sep: string, name: string) => {
    const masked = maskName(name);
    if (masked === name) return whole;
    count++;
    return `${role}${sep}${masked}`;
  });
  for (const name of knownNames) {
    const n = name.trim();
    if (n.length < 2 || n.endsWith('某') || !out.includes(n)) continue;
    const parts = out.split(n);
    count += parts.length - 1;
    out = parts.join(maskName(n));
  }
  return { text: out, count };
}

/**
 * Masks personal data anywhere in an untrusted object (a rejected item kept for the
 * operators): `parties` arrays name by name, every other string as text, with the parties
 * as known names. Bounded depth; returns a new value.
 * @example maskRawItem({ parties: ['陈明华'], summary: '陈明华反映…' }).value // { parties: ['陈某'], summary: '陈某反映…' }
 */
export function maskRawItem(raw: unknown): { value: unknown; count: number } {
  let count = 0;
  const parties =
    raw && typeof raw === 'object' && Array.isArray((raw as { parties?: unknown }).parties)
      ? ((raw as { parties: unknown[] }).parties.filter((p) => typeof p === 'string') as string[])
      : [];
  const walk = (v: unknown, key: string, depth: number): unknown => {
    if (typeof v === 'string') {
      if (key === 'parties') {
        const m = maskName(v);
        if (m !== v.trim()) count++;
        return m;
      }
      const r = maskText(v, parties);
      count += r.count;
      return r.text;
    }
    if (depth > 6 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, depth + 1)]));
  };
  const value = walk(raw, '', 0);
  return { value, count };
}
