import type { MessageKey } from '../i18n/messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A duration as the hall reads it: 45秒, 12分钟, 3小时, 2天. */
export function formatAge(ms: number, t: Translate): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('age.s', { n: s });
  if (s < 3600) return t('age.m', { n: Math.floor(s / 60) });
  if (s < 86_400) return t('age.h', { n: Math.floor(s / 3600) });
  return t('age.d', { n: Math.floor(s / 86_400) });
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** HH:mm:ss (or with the date) in the wall's time zone. */
export function formatClock(ms: number, tz: string, withDate = false): string {
  const key = `${tz}|${withDate}`;
  let f = clockFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', {
      timeZone: tz,
      hourCycle: 'h23',
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    clockFormats.set(key, f);
  }
  return f.format(ms);
}
