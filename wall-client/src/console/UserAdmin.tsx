import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { useConsole } from './ConsoleContext';
import { HeadRow } from './ConsoleTable';

interface UserRow {
  username: string;
  name: string;
  role: 'officer' | 'leader' | 'admin';
  createdAt: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
}

const ROLES = ['officer', 'leader', 'admin'] as const;

/** Admins create console users (scrypt-hashed passwords in the gateway) and disable them. */
export function UserAdmin() {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const { consoleFetch } = useConsole();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [form, setForm] = useState({
    username: '',
    name: '',
    role: 'officer' as UserRow['role'],
    password: '',
  });
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await consoleFetch('/api/users');
    if (res.ok) setUsers(((await res.json()) as { users: UserRow[] }).users);
  }, [consoleFetch]);
  useEffect(() => {
    void load();
  }, [load]);

  const answer = async (res: Response, ok: string) => {
    setMessage(
      res.ok
        ? ok
        : (((await res.json().catch(() => ({}))) as { error?: string }).error ?? String(res.status)),
    );
    await load();
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const res = await consoleFetch('/api/users', { method: 'POST', body: JSON.stringify(form) });
    await answer(res, t('users.created', { username: form.username }));
    if (res.ok) setForm({ username: '', name: '', role: 'officer', password: '' });
  };
  const patch = async (username: string, body: Record<string, unknown>) =>
    answer(
      await consoleFetch(`/api/users/${encodeURIComponent(username)}`, {
        method: 'PATCH',
        body: JSON.stringify(body),
      }),
      t('users.saved'),
    );

  return (
    <section className="panel console-users" data-testid="user-admin">
      <form className="panel-bar" onSubmit={create}>
        <h2>{t('users.title')}</h2>
        <input
          value={form.username}
          placeholder={t('users.col.username')}
          aria-label={t('users.col.username')}
          autoComplete="off"
          onChange={(e) => setForm({ ...form, username: e.target.value })}
        />
        <input
          value={form.name}
          placeholder={t('users.col.name')}
          aria-label={t('users.col.name')}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <select
          value={form.role}
          aria-label={t('users.col.role')}
          onChange={(e) => setForm({ ...form, role: e.target.value as UserRow['role'] })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <input
          type="password"
          value={form.password}
          placeholder={t('users.password')}
          aria-label={t('users.password')}
          autoComplete="new-password"
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <button type="submit">{t('users.create')}</button>
        <span className="verdict" role="status">
          {message ?? ''}
        </span>
      </form>
      <HeadRow
        row="user-row"
        labels={[
          'users.col.username',
          'users.col.name',
          'users.col.role',
          'users.col.lastLogin',
          'users.col.state',
          null,
        ]}
      />
      <ol className="user-body">
        {users.map((u) => (
          <li
            key={u.username}
            className={`user-row ${u.disabledAt ? 'disabled' : ''}`}
            data-username={u.username}
          >
            <span>{u.username}</span>
            <span>{u.name}</span>
            <span>{t(`role.${u.role}`)}</span>
            <span>{u.lastLoginAt ? formatClock(Date.parse(u.lastLoginAt), tz, true) : '—'}</span>
            <span>{u.disabledAt ? t('users.disabled') : t('users.active')}</span>
            <span>
              <button type="button" onClick={() => void patch(u.username, { disabled: !u.disabledAt })}>
                {u.disabledAt ? t('users.enable') : t('users.disable')}
              </button>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
