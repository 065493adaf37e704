import { describe, expect, it } from 'vitest';
import { createSqliteDatabase } from '../store/sqliteEventStore';
import { createUserStore, verifyPassword } from './createUserStore';

const where = { ip: '10.0.0.7', console: 'desk-1' };

function setup() {
  const clock = { t: Date.parse('2026-11-25T12:00:00Z') };
  const db = createSqliteDatabase(':memory:');
  const users = createUserStore(db, { now: () => clock.t, sessionHours: 12 });
  return { db, users, clock };
}

describe('user store', () => {
  it('keeps only a salted scrypt hash of the password', async () => {
    const { db, users } = setup();
    await users.create({ username: 'zhang', name: '张三', role: 'officer', password: 'correct horse 1' });
    await users.create({ username: 'li', name: '李四', role: 'officer', password: 'correct horse 1' });
    const rows = db.prepare('SELECT password FROM users').all() as { password: string }[];
    expect(rows.map((r) => r.password.split('$')[0])).toEqual(['scrypt', 'scrypt']);
    expect(rows[0]?.password).not.toBe(rows[1]?.password);
    expect(JSON.stringify(rows)).not.toContain('correct horse');
    expect(await verifyPassword('correct horse 1', rows[0]?.password ?? '')).toBe(true);
    expect(await verifyPassword('correct horse 2', rows[0]?.password ?? '')).toBe(false);
  });

  it('logs in with the right password only, and the session token identifies the user', async () => {
    const { users } = setup();
    expect(
      await users.create({ username: 'zhang', name: '张三', role: 'officer', password: 'pw-0123456789' }),
    ).toMatchObject({
      username: 'zhang',
      role: 'officer',
    });
    expect(
      await users.create({ username: 'zhang', name: 'again', role: 'admin', password: 'pw-0123456789' }),
    ).toBeNull();
    expect(await users.login('zhang', 'wrong-password', where)).toEqual({
      ok: false,
      reason: 'bad-credentials',
    });
    expect(await users.login('nobody', 'pw-0123456789', where)).toEqual({
      ok: false,
      reason: 'bad-credentials',
    });
    const ok = await users.login('zhang', 'pw-0123456789', where);
    if (!ok.ok) throw new Error('login failed');
    expect(ok.expiresAt).toBe('2026-11-26T00:00:00.000Z');
    expect(users.verifySession(ok.token)).toEqual({
      id: 'user:zhang',
      role: 'officer',
      label: '张三',
      credential: ok.sessionId,
    });
    expect(users.get('zhang')?.lastLoginAt).toBe('2026-11-25T12:00:00.000Z');
  });

  it('a session ends at logout, at expiry, and when the user is disabled or gets a new password', async () => {
    const { users, clock } = setup();
    await users.create({ username: 'zhang', name: '张三', role: 'officer', password: 'pw-0123456789' });
    const login = async () => {
      const r = await users.login('zhang', 'pw-0123456789', where);
      if (!r.ok) throw new Error(r.reason);
      return r.token;
    };
    const a = await login();
    expect(users.logout(a)).toMatch(/^ses_/);
    expect(users.verifySession(a)).toBeNull();

    const b = await login();
    clock.t += 12 * 3_600_000;
    expect(users.verifySession(b)).toBeNull();

    const c = await login();
    await users.update('zhang', { password: 'new-password-42' });
    expect(users.verifySession(c)).toBeNull();
    expect(await users.login('zhang', 'pw-0123456789', where)).toEqual({
      ok: false,
      reason: 'bad-credentials',
    });

    const d = (await users.login('zhang', 'new-password-42', where)) as { token: string };
    await users.update('zhang', { disabled: true });
    expect(users.verifySession(d.token)).toBeNull();
    expect(await users.login('zhang', 'new-password-42', where)).toEqual({ ok: false, reason: 'disabled' });
    expect(users.count()).toBe(0);
  });
});
