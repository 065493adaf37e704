import { useState } from 'react';
import type { RegionPack } from '../../../../live-model/region/types';
import { formatClock } from '../../format/formatTime';
import { useI18n } from '../../i18n/I18nProvider';
import { useLive } from '../../live/LiveModelProvider';

const HOUR = 3_600_000;
const WINDOWS = [
  ['off', null],
  ['1h', HOUR],
  ['6h', 6 * HOUR],
  ['24h', 24 * HOUR],
] as const;

/** North arrow, the time of the data shown, the generated-boundaries notice, the density switch. */
export function MapChrome({
  pack,
  bearing,
  onDensity,
}: {
  pack: RegionPack | null;
  bearing: number;
  onDensity(windowMs: number | null): void;
}) {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const asOf = useLive((s) => s.model?.asOf ?? null);
  const [density, setDensity] = useState<string>('off');
  return (
    <>
      <div className="map-north" title={t('map.north')} style={{ transform: `rotate(${-bearing}deg)` }}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 2 L18 20 L12 16 L6 20 Z" />
        </svg>
        <span>{t('map.north')}</span>
      </div>
      <div className="map-asof" data-testid="map-asof">
        {asOf ? t('map.asOf', { t: formatClock(Date.parse(asOf), tz, true) }) : '\u00a0'}
      </div>
      {pack?.region.generated && <div className="map-notice">{pack.region.notice}</div>}
      <fieldset className="map-density">
        <legend>{t('map.density')}</legend>
        {WINDOWS.map(([key, ms]) => (
          <button
            key={key}
            type="button"
            aria-pressed={density === key}
            onClick={() => {
              setDensity(key);
              onDensity(ms);
            }}
          >
            {t(`map.density.${key}`)}
          </button>
        ))}
      </fieldset>
    </>
  );
}
