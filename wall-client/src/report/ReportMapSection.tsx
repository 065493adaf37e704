import type { RegionPack } from '../../../live-model/region/types';
import type { AreasResponse } from '../../../protocol/trends';
import { PeriodMapPanel } from './PeriodMapPanel';

/**
 * The report's map — the one seam for it. Now: the map of the period (PeriodMapPanel: grids by
 * the period's risk, those that turned red outlined; vector).
 *
 * When the live risk map (issue 3, `MapPanel`, maplibre + deck.gl) is on main, place it here
 * too, above the period map, inside `<PaperPanel name="risk-map" height="…">`: it reads the
 * report's store (the live model as the report is made) like a screen; its section's
 * `data-ready="false"` holds the render until the map has drawn; the renderer captures its
 * WebGL canvas into the PDF (freezeCanvases in stream-gateway/render/renderPage.ts). Its
 * risk rule (live-model/risk/) then replaces judgeAreaRisk for both maps and the red grids.
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
