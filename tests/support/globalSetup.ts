/** Before any test: the wall-client is built (once; cached by a hash of its sources). */
import { resolve } from 'node:path';
import { ensureClientBuild } from '../../stream-gateway/ensureClientBuild';

export default async function setup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const ok = await ensureClientBuild(root, resolve(root, 'wall-client/dist'), (m) =>
    console.log(`[test setup] ${m}`),
  ).done;
  if (!ok) throw new Error('the wall-client build failed; run npm run build to see why');
}
