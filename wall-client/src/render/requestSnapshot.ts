/**
 * Asks the gateway for a snapshot of a screen (`GET /api/snapshot`) with a credential that may
 * export, and saves it in the browser. A wall screen's own token may not export: an officer or
 * leader logs in for this one export, and the session is ended right after.
 */
import { can, type Role } from '../../../protocol/access';
import type { ExportFormat } from '../../../protocol/reports';
import type { ApiFetch } from '../auth/screenToken';

export type SnapshotAnswer = { ok: true; blob: Blob; name: string } | { ok: false; reason: string };

/** Whether a role may export (the wall's own token may not). */
export function canExport(role: Role | null): boolean {
  return role !== null && can({ id: '', label: '', role }, 'export');
}

async function reasonOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: string } | null;
  return body?.error ?? `HTTP ${res.status}`;
}

export async function fetchSnapshot(
  apiFetch: ApiFetch,
  q: { wall: string; screen: string; format: ExportFormat; lang: string },
): Promise<SnapshotAnswer> {
  const params = new URLSearchParams({ wall: q.wall, screen: q.screen, format: q.format, lang: q.lang });
  const res = await apiFetch(`/api/snapshot?${params}`);
  if (!res.ok) return { ok: false, reason: await reasonOf(res) };
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `snapshot-${q.wall}-${q.screen}.${q.format}`;
  return { ok: true, blob: await res.blob(), name };
}

/** Logs in for one export; the caller ends the session with `logout`. */
export async function loginForExport(
  username: string,
  password: string,
): Promise<{ ok: true; token: string; role: Role } | { ok: false; reason: string }> {
  const res = await fetch('/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) return { ok: false, reason: await reasonOf(res) };
  const body = (await res.json()) as { token: string; user: { role: Role } };
  return { ok: true, token: body.token, role: body.user.role };
}

export function logout(token: string): Promise<unknown> {
  return fetch('/api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(
    () => null,
  );
}

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
