import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import type { ConsoleSession } from './consoleSession';

type Mode = 'password' | 'token';

async function loginWithPassword(username: string, password: string, desk: string) {
  const res = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wall-console': encodeURIComponent(desk) },
    body: JSON.stringify({ username, password }),
  });
  if (res.ok) {
    const body = (await res.json()) as { token: string; expiresAt: string; user: ConsoleSession['user'] };
    return { ok: true as const, session: { token: body.token, user: body.user, expiresAt: body.expiresAt } };
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  const s = Number(res.headers.get('retry-after')) || 30;
  const key: MessageKey =
    res.status === 429
      ? 'login.throttled'
      : res.status === 401
        ? body.error?.includes('disabled')
          ? 'login.disabled'
          : 'login.failed'
        : 'login.unreachable';
  return { ok: false as const, key, s };
}

/** An access token (an admin's, say) instead of a password: who it is comes from /api/whoami. */
export async function loginWithToken(token: string) {
  const res = await fetch('/api/whoami', { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) return { ok: false as const, key: 'login.failed' as MessageKey, s: 0 };
  const who = (await res.json()) as { id: string; role: ConsoleSession['user']['role']; label: string };
  return {
    ok: true as const,
    session: { token, user: { username: who.id, name: who.label, role: who.role }, expiresAt: null },
  };
}

/** The public login page of the console: user name and password (or an access token for admins). */
export function LoginPage({
  desk,
  notice,
  onLogin,
}: {
  desk: string;
  notice: MessageKey | null;
  onLogin: (session: ConsoleSession) => void;
}) {
  const { t, lang, setLang } = useI18n();
  const [mode, setMode] = useState<Mode>('password');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice ? t(notice) : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !secret || (mode === 'password' && !username)) return;
    setBusy(true);
    setError(null);
    try {
      const r =
        mode === 'password'
          ? await loginWithPassword(username.trim(), secret, desk)
          : await loginWithToken(secret.trim());
      if (r.ok) onLogin(r.session);
      else setError(t(r.key, { s: r.s }));
    } catch {
      setError(t('login.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="console-login" data-testid="console-login">
      <form onSubmit={submit}>
        <h1>{t('login.title')}</h1>
        <p className="desk">{t('console.desk', { desk })}</p>
        {mode === 'password' && (
          <label>
            {t('login.username')}
            <input
              name="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
            />
          </label>
        )}
        <label>
          {mode === 'password' ? t('login.password') : t('login.token')}
          <input
            name="password"
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete={mode === 'password' ? 'current-password' : 'off'}
          />
        </label>
        <p className="error" role="alert" data-testid="login-error">
          {error ?? '\u00a0'}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <div className="login-links">
          <button
            type="button"
            className="link-button"
            onClick={() => setMode(mode === 'password' ? 'token' : 'password')}
          >
            {mode === 'password' ? t('login.useToken') : t('login.usePassword')}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('lang.switch')}
          </button>
        </div>
      </form>
    </div>
  );
}
