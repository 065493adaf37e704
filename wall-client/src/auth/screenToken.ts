/**
 * The screen's token: taken from `?token=` on first load, kept in this browser's storage
 * (a kiosk screen that reloads keeps working) and removed from the address bar at once, so
 * it is never bookmarked, shared or logged.
 */
const KEY = 'wall.token';

export function takeTokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return localStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  localStorage.removeItem(KEY);
}

/** fetch with the screen's token; panels use this, never a bare fetch to the API. */
export function createApiFetch(token: string | null) {
  return (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
}
export type ApiFetch = ReturnType<typeof createApiFetch>;
