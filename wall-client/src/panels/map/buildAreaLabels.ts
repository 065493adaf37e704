/**
 * Label points for the base map: grid names, township names with their risk level and case
 * deadlines, and repeat hotspots. Text only (drawn by maplibre with local fonts); the level is
 * spelt out (▲ 红 / ◆ 黄) so it does not depend on colour.
 */
import type { RegionPack } from '../../../../live-model/region/types';
import type { AreaRisk } from '../../../../protocol/risk';
import type { Lang } from '../../i18n/messages';
import type { RegionGeometry } from './regionGeometry';

export interface LabelFeature {
  type: 'Feature';
  id?: number;
  properties: { id: string; label: string; level: string };
  geometry: { type: 'Point'; coordinates: [number, number] };
}
export interface LabelCollection {
  type: 'FeatureCollection';
  features: LabelFeature[];
}

const LEVEL_MARK = {
  'zh-CN': { red: '▲ 红色', yellow: '◆ 黄色', green: '' },
  en: { red: '▲ RED', yellow: '◆ YELLOW', green: '' },
} as const;

const SLA_TEXT = {
  'zh-CN': (atRisk: number, overdue: number) =>
    [atRisk > 0 ? `临期${atRisk}` : '', overdue > 0 ? `超期${overdue}` : ''].filter(Boolean).join(' '),
  en: (atRisk: number, overdue: number) =>
    [atRisk > 0 ? `${atRisk} due soon` : '', overdue > 0 ? `${overdue} overdue` : '']
      .filter(Boolean)
      .join(' · '),
} as const;

function point(id: string, label: string, level: string, at: [number, number]): LabelFeature {
  return { type: 'Feature', properties: { id, label, level }, geometry: { type: 'Point', coordinates: at } };
}

/** "安富街道第07网格" → "第07网格" (the township is written once, large). */
export function shortGridName(
  gridName: string,
  townshipName: string | undefined,
  gridId: string,
  lang: Lang,
): string {
  if (lang === 'en') return `Grid ${gridId.split('-').at(-1) ?? gridId}`;
  return townshipName && gridName.startsWith(townshipName) ? gridName.slice(townshipName.length) : gridName;
}

export function buildGridLabels(pack: RegionPack, region: RegionGeometry, lang: Lang): LabelCollection {
  const townshipName = new Map(pack.townships.features.map((f) => [f.properties.id, f.properties.name]));
  const features: LabelFeature[] = [];
  for (const f of pack.grids.features) {
    const at = region.gridPoint.get(f.properties.id);
    if (!at) continue;
    const label = shortGridName(
      f.properties.name,
      townshipName.get(f.properties.townshipId),
      f.properties.id,
      lang,
    );
    features.push(point(f.properties.id, label, '', at));
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Township name, then its level (when yellow or red) and its at-risk/overdue case counts.
 * @example buildTownshipLabels(pack, region, risk, 'zh-CN') // label "安富街道\n▲ 红色 · 临期2 超期1"
 */
export function buildTownshipLabels(
  pack: RegionPack,
  region: RegionGeometry,
  risk: Readonly<Record<string, AreaRisk>>,
  lang: Lang,
): LabelCollection {
  const features: LabelFeature[] = [];
  for (const f of pack.townships.features) {
    const id = f.properties.id;
    const at = region.townshipPoint.get(id);
    if (!at) continue;
    const r = risk[`township:${id}`];
    const level = r?.level ?? 'green';
    const sla = r ? SLA_TEXT[lang](r.counts.atRiskCases, r.counts.overdueCases) : '';
    const second = [LEVEL_MARK[lang][level], sla].filter(Boolean).join(' · ');
    const name = lang === 'en' ? f.properties.nameEn : f.properties.name;
    features.push(point(id, second ? `${name}\n${second}` : name, level, at));
  }
  return { type: 'FeatureCollection', features };
}

/** A mark at every grid with a matter reported 3+ times: "⟳ 重复 噪音扰民×3". */
export function buildHotspotLabels(
  region: RegionGeometry,
  risk: Readonly<Record<string, AreaRisk>>,
  minReports: number,
  lang: Lang,
  matterName: (matter: string) => string = (m) => m,
): LabelCollection {
  const features: LabelFeature[] = [];
  for (const r of Object.values(risk)) {
    if (r.kind !== 'grid' || r.counts.repeatMatters === 0) continue;
    const at = region.gridPoint.get(r.areaId);
    if (!at) continue;
    const repeats = Object.entries(r.matters)
      .filter(([, n]) => n >= minReports)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 2)
      .map(([matter, n]) => `${matterName(matter)}×${n}`);
    const prefix = lang === 'en' ? '⟳ repeat: ' : '⟳ 重复 ';
    features.push(point(r.areaId, `${prefix}${repeats.join(' ')}`, r.level, at));
  }
  features.sort((a, b) => (a.properties.id < b.properties.id ? -1 : 1));
  return { type: 'FeatureCollection', features };
}
