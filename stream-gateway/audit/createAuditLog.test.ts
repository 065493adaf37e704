import { describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../store/sqliteEventStore';
import { createAuditLog } from './createAuditLog';
import { buildWatermark, recordExport } from './recordExport';

const origin = { ip: '10.0.0.7', console: '值班台-1', userAgent: 'test' };
const zhang = { id: 'user:zhang', name: '张三', role: 'officer' };
const li = { id: 'user:li', name: '李四', role: 'leader' };

function setup() {
  let t = Date.parse('2026-11-25T12:00:00Z');
  const db = createSqliteDatabase(':memory:');
  const audit = createAuditLog(db, () => (t += 1000));
  return { db, audit };
}

describe('audit log', () => {
  it('records who, what, when and from where, and reads back newest first with filters', () => {
    const { audit } = setup();
    const a = audit.record({
      actor: zhang,
      action: 'alarm.acknowledge',
      target: 'alarm:ALM-1',
      outcome: 'ok',
      detail: { revision: 1 },
      origin,
    });
    audit.record({
      actor: li,
      action: 'alarm.acknowledge',
      target: 'alarm:ALM-1',
      outcome: 'conflict',
      origin,
    });
    audit.record({ actor: null, action: 'login', target: 'user:wang', outcome: 'failed', origin });
    expect(a).toMatchObject({
      id: 1,
      at: '2026-11-25T12:00:01.000Z',
      actor: zhang,
      action: 'alarm.acknowledge',
      target: 'alarm:ALM-1',
      outcome: 'ok',
      detail: { revision: 1 },
      origin,
    });
    expect(audit.query({ limit: 10 }).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(audit.query({ limit: 10, target: 'alarm:ALM-1', outcome: 'conflict' }).map((e) => e.id)).toEqual([
      2,
    ]);
    expect(audit.query({ limit: 10, action: 'alarm.' }).map((e) => e.id)).toEqual([2, 1]);
    expect(audit.query({ limit: 10, actor: 'user:zhang' }).map((e) => e.id)).toEqual([1]);
    expect(audit.query({ limit: 1, beforeId: 3 }).map((e) => e.id)).toEqual([2]);
    expect(audit.query({ limit: 10, since: '2026-11-25T12:00:02.000Z' }).map((e) => e.id)).toEqual([3, 2]);
  });

  it('refuses UPDATE and DELETE, even in SQL', () => {
    const { db, audit } = setup();
    audit.record({ actor: zhang, action: 'alarm.close', target: 'alarm:ALM-1', outcome: 'ok', origin });
    expect(() => db.prepare("UPDATE audit SET actor_name = '王五'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(audit.query({ limit: 10 })).toHaveLength(1);
  });

  it('shows an edit made around the triggers as a broken hash chain', () => {
    const { db, audit } = setup();
    for (let i = 0; i < 3; i++)
      audit.record({ actor: zhang, action: 'alarm.assign', target: `alarm:A${i}`, outcome: 'ok', origin });
    expect(audit.verify()).toEqual({ ok: true, entries: 3 });
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET actor_name = '王五' WHERE id = 2").run();
    expect(audit.verify()).toEqual({ ok: false, entries: 1, brokenAt: 2 });
  });

  it('an export is an audit entry and carries a watermark naming who and when', () => {
    const { audit } = setup();
    const w = recordExport(audit, {
      principal: { id: 'user:zhang', role: 'officer', label: '张三' },
      origin,
      kind: 'report',
      target: 'daily/2026-11-24',
      format: 'pdf',
      tz: 'Asia/Shanghai',
    });
    expect(w.text).toBe('导出：张三（值班员）2026-11-25 20:00:01 · 审计 #1');
    expect(w.textEn).toBe('Exported by 张三 (officer) 2026-11-25 20:00:01 Asia/Shanghai · audit #1');
    expect(audit.query({ limit: 5 })[0]).toMatchObject({
      action: 'export',
      target: 'report:daily/2026-11-24',
      actor: zhang,
      detail: { kind: 'report', format: 'pdf' },
    });
    expect(buildWatermark(li, Date.parse('2026-11-24T16:30:00Z'), 'UTC', 9).text).toBe(
      '导出：李四（带班领导）2026-11-24 16:30:00 · 审计 #9',
    );
  });
});
