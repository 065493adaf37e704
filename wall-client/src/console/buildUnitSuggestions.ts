import type { RegionPack } from '../../../live-model/region/types';

/** District-level units an alarm can go to, besides each township's own. */
export const DISTRICT_UNITS = [
  '区公安分局指挥中心',
  '区综治中心',
  '区司法局',
  '区人社局',
  '区信访局',
  '区城管执法局',
  '区市场监管局',
];
const TOWNSHIP_UNITS = ['派出所', '司法所', '综治中心', '网格工作站'];

/**
 * Units offered when assigning an alarm: the alarm's own township first, then the district's,
 * then every other township's. The officer may still type another (free text, masked).
 * @example buildUnitSuggestions(pack, '510503001')[0] // '安富街道派出所'
 */
export function buildUnitSuggestions(pack: RegionPack | null, townshipId?: string): string[] {
  const townships = pack?.townships.features.map((f) => f.properties) ?? [];
  const own = townships.find((t) => t.id === townshipId);
  const others = townships.filter((t) => t !== own);
  return [
    ...(own ? TOWNSHIP_UNITS.map((u) => `${own.name}${u}`) : []),
    ...DISTRICT_UNITS,
    ...others.flatMap((t) => TOWNSHIP_UNITS.map((u) => `${t.name}${u}`)),
  ];
}
