/**
 * Names of townships and grids for panels and reports, in the screen's language: a grid is
 * called by its township and number (安富街道 07), as the hall says it. Pure.
 */
import type { RegionPack } from '../../../live-model/region/types';

export function townshipNames(pack: RegionPack | null, lang: string): Map<string, string> {
  return new Map(
    pack?.townships.features.map((f) => [
      f.properties.id,
      lang === 'en' ? f.properties.nameEn : f.properties.name,
    ]),
  );
}

/** @example gridNames(pack, 'zh-CN').get('510503001-07') // '安富街道 07' */
export function gridNames(pack: RegionPack | null, lang: string): Map<string, string> {
  const townships = townshipNames(pack, lang);
  return new Map(
    pack?.grids.features.map((g) => [
      g.properties.id,
      `${townships.get(g.properties.townshipId) ?? ''} ${g.properties.id.split('-').at(-1)}`,
    ]),
  );
}
