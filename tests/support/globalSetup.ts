/**
 * Before any test: the wall-client is built and the simulated cameras' video patterns are
 * encoded (once each; cached by a hash of their sources and settings).
 */
import { resolve } from 'node:path';
import { ensureMediaPatterns, findFfmpeg, mediaCacheDir } from '../../mock-feeds/media/encodeMediaPatterns';
import { ensureClientBuild } from '../../stream-gateway/ensureClientBuild';

export default async function setup(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const ok = await ensureClientBuild(root, resolve(root, 'wall-client/dist'), (m) =>
    console.log(`[test setup] ${m}`),
  ).done;
  if (!ok) throw new Error('the wall-client build failed; run npm run build to see why');
  await ensureMediaPatterns({
    cacheDir: mediaCacheDir(root),
    ffmpegPath: await findFfmpeg(),
    log: (m) => console.log(`[test setup] ${m}`),
  }).ready;
}
