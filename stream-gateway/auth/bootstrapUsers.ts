import { randomBytes } from 'node:crypto';
import type { UserStore } from './createUserStore';

/** The demo district's console users, so `npm start` can show the console at once. */
export const DEMO_USERS = [
  { username: 'duty1', name: '值班员一', role: 'officer' },
  { username: 'duty2', name: '值班员二', role: 'officer' },
  { username: 'leader1', name: '带班领导', role: 'leader' },
] as const;

/**
 * Creates the demo users that do not exist yet, each with a fresh random password, and
 * returns them to print once (like the bootstrap admin token). Only with the simulated
 * district (MOCK_FEEDS=on); a real centre's admin creates its users.
 */
export async function ensureDemoUsers(users: UserStore): Promise<{ username: string; password: string }[]> {
  const created: { username: string; password: string }[] = [];
  for (const u of DEMO_USERS) {
    if (users.get(u.username)) continue;
    const password = randomBytes(9).toString('base64url');
    if (await users.create({ ...u, password })) created.push({ username: u.username, password });
  }
  return created;
}
