import { useMemo } from 'react';
import type { RegionPack } from '../../../live-model/region/types';
import type {
  AreasResponse,
  CategoriesResponse,
  PeaceIndexConfig,
  SummaryResponse,
} from '../../../protocol/trends';
import { gridNames, townshipNames } from '../trends/areaNames';
import { useApiJson } from '../trends/useApiJson';
import type { ReportSources } from './buildReportSummary';
import type { ReportParams } from './readReportParams';

/** The API answers the report's summary, tables and map are built from (the panels fetch their own). */
export function useReportSources(params: ReportParams, pack: RegionPack | null): ReportSources | null {
  const range = `${params.range.firstDay}..${params.range.lastDay}`;
  const summary = useApiJson<SummaryResponse>(`/api/trends/summary?range=${range}`);
  const townships = useApiJson<AreasResponse>(`/api/trends/areas?range=${range}&level=township`);
  const grids = useApiJson<AreasResponse>(`/api/trends/areas?range=${range}&level=grid`);
  const categories = useApiJson<CategoriesResponse>(`/api/trends/categories?range=${range}`);
  const config = useApiJson<PeaceIndexConfig>('/api/trends/config');
  return useMemo(
    () =>
      summary.data && townships.data && grids.data && categories.data && config.data && pack
        ? {
            range,
            days: params.range.days,
            summary: summary.data,
            townships: townships.data,
            grids: grids.data,
            categories: categories.data,
            config: config.data,
            townshipNames: townshipNames(pack, params.lang),
            gridNames: gridNames(pack, params.lang),
            lang: params.lang,
          }
        : null,
    [summary.data, townships.data, grids.data, categories.data, config.data, pack, range, params],
  );
}
