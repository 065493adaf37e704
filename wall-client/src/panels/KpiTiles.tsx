import { selectTodayCounts, type TodayCounts } from '../../../live-model/selectors/selectTodayCounts';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useServerNow } from '../live/LiveModelProvider';

const TILES: readonly { key: keyof TodayCounts; label: MessageKey; tone?: string }[] = [
  { key: 'alarms', label: 'kpi.alarmsToday' },
  { key: 'redAlarms', label: 'kpi.redToday', tone: 'red' },
  { key: 'unhandledAlarms', label: 'kpi.unhandled', tone: 'yellow' },
  { key: 'casesReceived', label: 'kpi.casesToday' },
  { key: 'openCases', label: 'kpi.openCases' },
  { key: 'atRiskCases', label: 'kpi.atRisk', tone: 'yellow' },
  { key: 'overdueCases', label: 'kpi.overdue', tone: 'red' },
];

/** Today's figures, live. */
export function KpiTiles() {
  const { t } = useI18n();
  const minute = Math.floor(useServerNow(5000) / 5000) * 5000;
  const counts = useLive((s) => (s.model ? selectTodayCounts(s.model, minute, s.tz) : null), minute);
  return (
    <section className="panel kpis" data-testid="kpis">
      {TILES.map((tile) => (
        <div key={tile.key} className={`kpi ${tile.tone ? `kpi-${tile.tone}` : ''}`} data-kpi={tile.key}>
          <span className="kpi-value">{counts ? counts[tile.key] : '—'}</span>
          <span className="kpi-label">{t(tile.label)}</span>
        </div>
      ))}
      <div className="kpi" data-kpi="cameras">
        <span className="kpi-value">{counts ? `${counts.camerasOnline}/${counts.camerasTotal}` : '—'}</span>
        <span className="kpi-label">{t('kpi.cameras')}</span>
      </div>
    </section>
  );
}
