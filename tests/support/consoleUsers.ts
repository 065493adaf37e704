/**
 * People at the console, for tests: an admin creates users through the API and they log
 * in like a browser does (`POST /api/login`), getting a session token.
 */
import type { Role } from '../../protocol/access';
import { TEST_ADMIN_TOKEN } from './gatewayProcess';
import { postJson } from './socketWaits';

export const TEST_PASSWORD = 'test-password-0123';

export async function createUser(
  url: string,
  user: { username: string; name: string; role: Exclude<Role, 'wall' | 'feed'> },
): Promise<void> {
  const res = await postJson(`${url}api/users`, { ...user, password: TEST_PASSWORD }, TEST_ADMIN_TOKEN);
  if (res.status !== 201)
    throw new Error(`creating ${user.username}: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function login(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await postJson(`${url}api/login`, { username, password }, null);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** Creates the user and logs in. */
export async function userSession(
  url: string,
  user: { username: string; name: string; role: Exclude<Role, 'wall' | 'feed'> },
): Promise<string> {
  await createUser(url, user);
  return login(url, user.username);
}

/** A console's action on an alarm, from a named desk. */
export async function act(
  url: string,
  token: string,
  alarmId: string,
  command: Record<string, unknown>,
  desk = 'desk-1',
): Promise<{ status: number; body: import('./socketWaits').JsonBody }> {
  const res = await fetch(`${url}api/alarms/${encodeURIComponent(alarmId)}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-wall-console': encodeURIComponent(desk),
    },
    body: JSON.stringify(command),
  });
  return { status: res.status, body: await res.json() };
}
