import { useMemo } from 'react';
import type { RegionPack } from '../../../live-model/region/types';
import type { AreasResponse } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import { buildPeriodMap } from './buildPeriodMap';

const FILL = { red: '#f5222d', yellow: '#fadb14', green: '#b7eb8f', none: '#f0f0f0' } as const;

/**
 * The map of the period on paper (vector): grids by the period's risk, the grids that turned
 * red outlined, townships named with their peace index. (ReportMapSection places it.)
 */
export function PeriodMapPanel({
  pack,
  grids,
  townships,
  days,
  names,
  width,
  height,
}: {
  pack: RegionPack;
  grids: AreasResponse;
  townships: AreasResponse;
  days: number;
  names: ReadonlyMap<string, string>;
  width: number;
  height: number;
}) {
  const { t } = useI18n();
  const map = useMemo(
    () =>
      buildPeriodMap({
        pack,
        grids: grids.areas,
        townships: townships.areas,
        days,
        width,
        height,
        townshipName: (id) => names.get(id) ?? id,
      }),
    [pack, grids, townships, days, width, height, names],
  );
  return (
    <figure
      className="period-map"
      data-testid="period-map"
      data-red={map.counts.red}
      data-turned={map.counts.turned}
    >
      <svg viewBox={`0 0 ${map.width} ${map.height}`} width={map.width} height={map.height} role="img">
        <title>{t('rep.map')}</title>
        {map.grids.map((g) => (
          <path key={g.id} d={g.d} fill={FILL[g.level]} stroke="#ffffff" strokeWidth={0.6} data-grid={g.id} />
        ))}
        {map.townships.map((tw) => (
          <path key={tw.id} d={tw.d} fill="none" stroke="#5b6573" strokeWidth={1.1} />
        ))}
        {map.outline.map((d) => (
          <path key={d.slice(0, 24)} d={d} fill="none" stroke="#1f2329" strokeWidth={2} />
        ))}
        {map.grids
          .filter((g) => g.turned)
          .map((g) => (
            <path key={`t${g.id}`} d={g.d} fill="none" stroke="#820014" strokeWidth={2.4} />
          ))}
        {map.townships.map((tw) => (
          <text key={`l${tw.id}`} x={tw.x} y={tw.y} className="map-label" textAnchor="middle">
            <tspan x={tw.x}>{tw.label}</tspan>
            <tspan x={tw.x} dy="1.15em" className="map-index">
              {tw.index === null ? '—' : tw.index.toFixed(1)}
            </tspan>
          </text>
        ))}
      </svg>
      <figcaption>
        <span className="legend">
          <i style={{ background: FILL.red }} />
          {t('rep.map.red')}
          <i style={{ background: FILL.yellow }} />
          {t('rep.map.yellow')}
          <i style={{ background: FILL.green }} />
          {t('rep.map.green')}
          <i className="turned" />
          {t('rep.map.turned')}
        </span>
        <span>
          {t('rep.map.counts', {
            red: map.counts.red,
            turned: map.counts.turned,
            yellow: map.counts.yellow,
            total: map.counts.total,
          })}
        </span>
        <small>{t('rep.map.note')}</small>
        {pack.region.generated && <small className="notice">{pack.region.notice}</small>}
      </figcaption>
    </figure>
  );
}
