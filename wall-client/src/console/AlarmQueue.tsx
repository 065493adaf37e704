import { memo, useCallback, useMemo } from 'react';
import type { AlarmRecord } from '../../../protocol/liveModel';
import { formatAge, formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { SeverityMark } from '../panels/SeverityMark';
import { buildConsoleQueue, QUEUE_FILTERS, type QueueFilter } from './buildConsoleQueue';
import { FilterTabs, HeadRow } from './ConsoleTable';
import type { useAlarmAction } from './useAlarmAction';

const ROWS = 200;

interface QueueRowProps {
  alarm: AlarmRecord;
  selected: boolean;
  time: string;
  age: string;
  place: string;
  busy: boolean;
  onSelect: (id: string) => void;
  onAcknowledge: (alarm: AlarmRecord) => void;
}

/** One alarm; re-rendered only when its alarm, its age text or its selection changes. */
const QueueRow = memo(function QueueRow({
  alarm: a,
  selected,
  time,
  age,
  place,
  busy,
  onSelect,
  onAcknowledge,
}: QueueRowProps) {
  const { t } = useI18n();
  return (
    <li
      className={`queue-row alarm-${a.state} ${selected ? 'selected' : ''} ${a.handling?.escalated ? 'escalated' : ''}`}
      data-alarm-id={a.id}
      data-state={a.state}
      data-selected={selected}
    >
      <button
        type="button"
        className="row-select"
        onClick={() => onSelect(a.id)}
        aria-label={a.category}
        aria-current={selected}
      />
      <SeverityMark severity={a.severity} />
      <time>{time}</time>
      <span className="age">{age}</span>
      <span>{t(`channel.${a.channel}`)}</span>
      <span className="category">{a.category}</span>
      <span className="place">{place}</span>
      <span className="state">
        {a.handling?.escalated ? t('alarm.escalated') : t(`alarm.state.${a.state}`)}
      </span>
      <span className="unit">{a.assignedTo ?? ''}</span>
      <span className="quick">
        {a.state === 'new' && (
          <button type="button" className="quick-ack" disabled={busy} onClick={() => onAcknowledge(a)}>
            {t('queue.quickAck')}
          </button>
        )}
      </span>
    </li>
  );
});

/** The live alarm queue: one tab per stage, fixed columns and row height (nothing jumps). */
export function AlarmQueue({
  filter,
  onFilter,
  selectedId,
  onSelect,
  action,
}: {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  action: ReturnType<typeof useAlarmAction>;
}) {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const now = useServerNow(1000);
  const pack = useRegion();
  const alarms = useLive((s) => s.model?.alarms ?? null);
  const queue = useMemo(() => (alarms ? buildConsoleQueue(alarms, filter, ROWS) : null), [alarms, filter]);
  const townships = useMemo(
    () => new Map(pack?.townships.features.map((f) => [f.properties.id, f.properties.name]) ?? []),
    [pack],
  );
  const run = action.run;
  const acknowledge = useCallback(
    (a: AlarmRecord) => {
      onSelect(a.id);
      void run(a, { action: 'acknowledge', expectedRevision: a.handling?.revision ?? 0 });
    },
    [onSelect, run],
  );
  const placeOf = (a: AlarmRecord) =>
    a.address ?? (a.townshipId ? townships.get(a.townshipId) : undefined) ?? a.gridId ?? '';

  return (
    <section className="panel console-queue" data-testid="alarm-queue">
      <div className="panel-bar">
        <h2>{t('queue.title')}</h2>
        <FilterTabs
          options={QUEUE_FILTERS.map((f) => ({
            key: f,
            label: `queue.filter.${f}` as const,
            count: queue?.counts[f] ?? null,
          }))}
          value={filter}
          onChange={onFilter}
        />
      </div>
      <HeadRow
        row="queue-row"
        labels={[
          null,
          'queue.col.time',
          'queue.col.age',
          'queue.col.channel',
          'queue.col.category',
          'queue.col.place',
          'queue.col.state',
          'queue.col.unit',
          null,
        ]}
      />
      <ol className="queue-body">
        {queue?.rows.map((a) => (
          <QueueRow
            key={a.id}
            alarm={a}
            selected={a.id === selectedId}
            time={formatClock(Date.parse(a.occurredAt), tz)}
            age={formatAge(now - Date.parse(a.occurredAt), t)}
            place={placeOf(a)}
            busy={action.busy}
            onSelect={onSelect}
            onAcknowledge={acknowledge}
          />
        ))}
        {queue && queue.rows.length === 0 && <li className="empty">{t('queue.empty')}</li>}
      </ol>
      <footer>
        {queue && queue.total > queue.rows.length
          ? t('queue.more', { shown: queue.rows.length, n: queue.total })
          : '\u00a0'}
      </footer>
    </section>
  );
}
