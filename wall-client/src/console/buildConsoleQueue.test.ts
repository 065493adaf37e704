import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../protocol/liveModel';
import { alarmRecord, minutesAfter, T0 } from '../../../tests/fixtures/feedItems';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { buildConflictText } from './buildConflictText';
import { buildConsoleQueue } from './buildConsoleQueue';
import { buildUnitSuggestions } from './buildUnitSuggestions';

const officer = { id: 'user:zhang', name: '张三', role: 'officer', console: '值班台-1' };
const step = { by: officer, at: T0 };

function byId(list: AlarmRecord[]): Record<string, AlarmRecord> {
  return Object.fromEntries(list.map((a) => [a.id, a]));
}

const alarms = byId([
  alarmRecord({ id: 'new-yellow-late', severity: 'yellow', occurredAt: minutesAfter(T0, 5) }),
  alarmRecord({ id: 'new-red-early', severity: 'red', occurredAt: T0 }),
  alarmRecord({ id: 'new-red-late', severity: 'red', occurredAt: minutesAfter(T0, 3) }),
  alarmRecord({ id: 'ack-green', severity: 'green', state: 'acknowledged' }),
  alarmRecord({
    id: 'esc-yellow',
    severity: 'red',
    state: 'acknowledged',
    handling: { revision: 1, escalated: { ...step, to: 'leader', from: 'yellow' } },
  }),
  alarmRecord({ id: 'closed-1', state: 'closed', stateSince: minutesAfter(T0, 9) }),
  alarmRecord({ id: 'closed-2', state: 'closed', stateSince: minutesAfter(T0, 10) }),
]);

describe('buildConsoleQueue', () => {
  it('orders each tab the way an officer works it and counts every tab', () => {
    const q = buildConsoleQueue(alarms, 'new', 10);
    expect(q.rows.map((a) => a.id)).toEqual(['new-red-late', 'new-red-early', 'new-yellow-late']);
    expect(q.counts).toEqual({ new: 3, active: 2, escalated: 1, closed: 2, all: 7 });
    expect(buildConsoleQueue(alarms, 'active', 10).rows.map((a) => a.id)).toEqual([
      'esc-yellow',
      'ack-green',
    ]);
    expect(buildConsoleQueue(alarms, 'closed', 10).rows.map((a) => a.id)).toEqual(['closed-2', 'closed-1']);
    expect(buildConsoleQueue(alarms, 'all', 10).rows.at(-1)?.state).toBe('closed');
  });

  it('limits the rows but not the total', () => {
    const q = buildConsoleQueue(alarms, 'all', 2);
    expect(q.rows).toHaveLength(2);
    expect(q.total).toBe(7);
  });
});

describe('buildConflictText', () => {
  const t = (lang: 'zh-CN' | 'en') => (key: MessageKey, vars?: Record<string, string | number>) => {
    let text: string = MESSAGES[lang][key];
    for (const [k, v] of Object.entries(vars ?? {})) text = text.replace(`{${k}}`, String(v));
    return text;
  };
  it('names the officer who was first, with role, desk and local time', () => {
    const c = { code: 'already-acknowledged' as const, by: officer, at: '2026-11-25T12:14:05.000Z' };
    expect(buildConflictText(c, t('zh-CN'), 'Asia/Shanghai')).toBe(
      '已由 张三 (值班员 · 值班台-1) 于 20:14:05 确认',
    );
    expect(buildConflictText(c, t('en'), 'Asia/Shanghai')).toBe(
      'Already acknowledged by 张三 (Duty officer · 值班台-1) at 20:14:05',
    );
  });
  it('names the source system when it was the source', () => {
    const c = {
      code: 'already-closed' as const,
      by: null,
      at: '2026-11-25T12:30:00.000Z',
      source: 'police-110',
    };
    expect(buildConflictText(c, t('zh-CN'), 'Asia/Shanghai')).toBe(
      '已由 来源系统 (110 接警) 于 20:30:00 结案',
    );
  });
  it('says what changed meanwhile', () => {
    const c = {
      code: 'changed' as const,
      by: officer,
      at: '2026-11-25T12:14:05.000Z',
      action: 'assign' as const,
      unit: '司法所',
    };
    expect(buildConflictText(c, t('zh-CN'), 'Asia/Shanghai')).toBe(
      '张三 (值班员 · 值班台-1) 于 20:14:05 刚执行了「派单」，请核对后重试',
    );
  });
});

describe('buildUnitSuggestions', () => {
  it("puts the alarm's own township first, then the district's units", () => {
    const pack = {
      townships: {
        features: [
          { properties: { id: 'T1', name: '安富街道' } },
          { properties: { id: 'T2', name: '大渡口镇' } },
        ],
      },
    } as unknown as Parameters<typeof buildUnitSuggestions>[0];
    const units = buildUnitSuggestions(pack, 'T2');
    expect(units.slice(0, 2)).toEqual(['大渡口镇派出所', '大渡口镇司法所']);
    expect(units).toContain('区公安分局指挥中心');
    expect(units).toContain('安富街道派出所');
    expect(buildUnitSuggestions(null)).toContain('区综治中心');
  });
});
