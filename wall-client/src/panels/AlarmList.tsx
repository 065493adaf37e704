import { selectAlarmQueue } from '../../../live-model/selectors/selectAlarmQueue';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { SeverityMark } from './SeverityMark';
import { useFocusItem } from './useFocusItem';

/** The alarms a duty officer should look at, in working order; fixed rows, so nothing jumps. */
export function AlarmList({ rows = 8 }: { rows?: number }) {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const focusItem = useFocusItem('alarm');
  const queue = useLive((s) => (s.model ? selectAlarmQueue(s.model, rows) : null));
  return (
    <section className="panel alarm-list" data-testid="alarm-list">
      <h2>{t('alarms.title')}</h2>
      <ol style={{ ['--rows' as string]: rows }}>
        {queue?.alarms.map((a) => {
          const focusProps = focusItem(a.id);
          return (
            <li
              key={a.id}
              {...focusProps}
              className={`alarm alarm-${a.state} ${focusProps.className}`}
              data-alarm-id={a.id}
              data-severity={a.severity}
            >
              <SeverityMark severity={a.severity} />
              <time>{formatClock(Date.parse(a.occurredAt), tz)}</time>
              <span className="category">
                {a.drill && <b className="drill-tag">{t('drill.tag')}</b>}
                {a.category}
              </span>
              <span className="where">{a.address ?? ''}</span>
            </li>
          );
        })}
        {queue && queue.alarms.length === 0 && <li className="empty">{t('alarms.empty')}</li>}
      </ol>
      <footer>{queue && queue.hidden > 0 ? t('alarms.more', { n: queue.hidden }) : '\u00a0'}</footer>
    </section>
  );
}
