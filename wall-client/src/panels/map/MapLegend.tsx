import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';

/** Swatches drawn as the map draws them: shape, colour and pattern together. */
const ITEMS: [MessageKey, string][] = [
  ['map.legend.riskRed', 'swatch risk-red'],
  ['map.legend.riskYellow', 'swatch risk-yellow'],
  ['map.legend.riskGreen', 'swatch risk-green'],
  ['map.legend.alarmRed', 'mark mark-triangle'],
  ['map.legend.alarmYellow', 'mark mark-diamond'],
  ['map.legend.alarmGreen', 'mark mark-circle'],
  ['map.legend.handled', 'mark mark-handled'],
  ['map.legend.pulse', 'mark mark-pulse'],
  ['map.legend.case', 'mark mark-case'],
  ['map.legend.breached', 'mark mark-halo'],
  ['map.legend.camera', 'mark mark-camera'],
  ['map.legend.hotspot', 'mark mark-hotspot'],
];

export function MapLegend() {
  const { t } = useI18n();
  return (
    <aside className="map-legend" aria-label={t('map.legend.title')}>
      <ul>
        {ITEMS.map(([key, className]) => (
          <li key={key}>
            <i className={className} aria-hidden="true" />
            {t(key)}
          </li>
        ))}
        <li className="fade-note">
          <i className="mark mark-fade" aria-hidden="true" />
          {t('map.legend.fade')}
        </li>
      </ul>
    </aside>
  );
}
