/**
 * The peace-index configuration: the shipped file (live-model/peace-index/peaceIndexConfig.json)
 * or a centre's own (PEACE_INDEX_CONFIG=path), validated; a bad file is a one-line reason.
 */
import { readFileSync } from 'node:fs';
import shipped from '../../live-model/peace-index/peaceIndexConfig.json';
import { type PeaceIndexConfig, PeaceIndexConfigSchema } from '../../protocol/trends';

export function loadPeaceIndexConfig(
  file?: string,
): { ok: true; config: PeaceIndexConfig } | { ok: false; reason: string } {
  let raw: unknown = shipped;
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { ok: false, reason: `${file}: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  const parsed = PeaceIndexConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `${file ?? 'peaceIndexConfig.json'}: ${issue?.path.join('.')}: ${issue?.message}`,
  };
}
