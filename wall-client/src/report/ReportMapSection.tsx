import type { RegionPack } from '../../../live-model/region/types';
import type { AreasResponse } from '../../../protocol/trends';
import { PeriodMapPanel } from './PeriodMapPanel';

/**
 * The report's map — the one seam for it: the map of the period (PeriodMapPanel: grids by the
 * period's risk under the map's own rule, live-model/risk/ratePeriodRisk.ts; those that turned
 * red outlined; vector, so it prints sharp at any size).
 *
 * The live risk map (MapPanel, maplibre + deck.gl) is deliberately not here: it shows the
 * model at the moment of rendering, which for yesterday's or last week's report is the wrong
 * time. A snapshot of the centre screen (GET /api/snapshot) carries the live map instead.
 */
export function ReportMapSection(props: {
  pack: RegionPack;
  grids: AreasResponse;
  townships: AreasResponse;
  days: number;
  names: ReadonlyMap<string, string>;
}) {
  return <PeriodMapPanel {...props} width={680} height={760} />;
}
