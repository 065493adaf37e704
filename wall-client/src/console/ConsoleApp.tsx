/**
 * `/console`: the login page until someone logs in, then the console on a live connection
 * of its own. The session ends at logout, at expiry, or when the gateway refuses it (logged
 * out elsewhere, disabled user) — back to the login page with a word why.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MessageKey } from '../i18n/messages';
import { LiveModelProvider, useLive } from '../live/LiveModelProvider';
import { RegionProvider } from '../live/RegionProvider';
import { ConsoleScreen } from '../screens/ConsoleScreen';
import { ConsoleContext, type ConsoleContextValue } from './ConsoleContext';
import {
  type ConsoleSession,
  clearSession,
  createConsoleFetch,
  deskName,
  loadSession,
  saveSession,
  takeTokenFromAddress,
} from './consoleSession';
import { LoginPage, loginWithToken } from './LoginPage';
import '../styles/console.css';
import '../styles/consoleTables.css';
import '../styles/consoleLogin.css';

/** Ends the session when the gateway refuses the socket (revoked, disabled, expired). */
function RefusalWatch({ onRefused }: { onRefused: () => void }) {
  const authError = useLive((s) => s.authError);
  useEffect(() => {
    if (authError) onRefused();
  }, [authError, onRefused]);
  return null;
}

function LoggedIn({
  session,
  desk,
  onEnded,
}: {
  session: ConsoleSession;
  desk: string;
  onEnded: (why: MessageKey | null) => void;
}) {
  const expired = useCallback(() => onEnded('login.expired'), [onEnded]);
  const value = useMemo<ConsoleContextValue>(() => {
    const consoleFetch = createConsoleFetch(session.token, desk, expired);
    return {
      session,
      desk,
      consoleFetch,
      logout: () => {
        void consoleFetch('/api/logout', { method: 'POST', body: '{}' }).finally(() => onEnded(null));
      },
    };
  }, [session, desk, expired, onEnded]);
  useEffect(() => {
    if (!session.expiresAt) return;
    const timer = setTimeout(expired, Math.max(0, Date.parse(session.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session.expiresAt, expired]);
  return (
    <ConsoleContext.Provider value={value}>
      <LiveModelProvider token={session.token} screen={`console:${desk}`}>
        <RefusalWatch onRefused={expired} />
        <RegionProvider>
          <ConsoleScreen />
        </RegionProvider>
      </LiveModelProvider>
    </ConsoleContext.Provider>
  );
}

export function ConsoleApp() {
  const [desk] = useState(() => deskName(window.location.search));
  const [addressToken] = useState(takeTokenFromAddress);
  const [session, setSession] = useState<ConsoleSession | null>(() => loadSession(Date.now()));
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const onEnded = useCallback((why: MessageKey | null) => {
    clearSession();
    setNotice(why);
    setSession(null);
  }, []);
  const onLogin = useCallback((s: ConsoleSession) => {
    saveSession(s);
    setNotice(null);
    setSession(s);
  }, []);
  useEffect(() => {
    document.title = '值班台 · 综治中心';
  }, []);
  // `/console?token=…` (an admin's link): log in with it; it is already out of the address bar.
  useEffect(() => {
    if (!addressToken) return;
    void loginWithToken(addressToken).then((r) => (r.ok ? onLogin(r.session) : setNotice(r.key)));
  }, [addressToken, onLogin]);
  if (!session) return <LoginPage desk={desk} notice={notice} onLogin={onLogin} />;
  return <LoggedIn key={session.token} session={session} desk={desk} onEnded={onEnded} />;
}
