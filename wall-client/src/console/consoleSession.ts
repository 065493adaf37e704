/**
 * The console's login session in this browser (token, who, until when) and the desk name it
 * reports to the audit log (`?desk=值班台-1` once, remembered). Kept apart from a wall
 * screen's token so one browser can be both a console and a screen.
 */
import type { Role } from '../../../protocol/access';

const SESSION_KEY = 'console.session';
const DESK_KEY = 'console.desk';

export interface ConsoleUser {
  username: string;
  name: string;
  role: Role;
}

export interface ConsoleSession {
  token: string;
  user: ConsoleUser;
  /** ISO; null for an access token (no expiry). */
  expiresAt: string | null;
}

export function loadSession(nowMs: number): ConsoleSession | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as ConsoleSession | null;
    if (!s?.token || !s.user) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= nowMs) return null;
    return s;
  } catch {
    return null;
  }
}

/** A `?token=` in the console's address: taken out of the address bar at once (never bookmarked or logged). */
export function takeTokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return null;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}

export function saveSession(session: ConsoleSession): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/** This console's desk: from `?desk=` (then remembered), else remembered, else made up once. */
export function deskName(search: string): string {
  const fromUrl = new URLSearchParams(search).get('desk')?.trim().slice(0, 40);
  if (fromUrl) {
    localStorage.setItem(DESK_KEY, fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem(DESK_KEY);
  if (stored) return stored;
  const made = `席位-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  localStorage.setItem(DESK_KEY, made);
  return made;
}

export type ConsoleFetch = (path: string, init?: RequestInit) => Promise<Response>;

/**
 * fetch for the console: the session token and the desk name on every request; a 401 means
 * the session ended (logged out elsewhere, disabled, expired) and goes back to the login.
 */
export function createConsoleFetch(token: string, desk: string, onUnauthorized: () => void): ConsoleFetch {
  return async (path, init = {}) => {
    const res = await fetch(path, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers ?? {}),
        authorization: `Bearer ${token}`,
        // Headers are Latin-1: the gateway decodes it.
        'x-wall-console': encodeURIComponent(desk),
      },
    });
    if (res.status === 401) onUnauthorized();
    return res;
  };
}
