import type { FeedStatus as Status } from '../../../protocol/liveModel';
import { ALARM_CHANNELS, FEED_NAMES } from '../../../protocol/schemas';
import { formatAge } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';

/** Every feed and alarm channel with its state and the age of its data: never frozen data shown as live. */
export function FeedStatus() {
  const { t } = useI18n();
  const now = useServerNow(1000);
  const feeds = useLive((s) => s.model?.feeds ?? null);
  const channels = useLive((s) => s.model?.channels ?? null);
  const rows: { id: string; label: string; status: Status | undefined }[] = [
    ...FEED_NAMES.map((f) => ({ id: f, label: t(`feed.${f}`), status: feeds?.[f] })),
    ...ALARM_CHANNELS.map((c) => ({ id: c, label: t(`channel.${c}`), status: channels?.[c] })),
  ];
  return (
    <section className="panel feed-status" data-testid="feed-status">
      <h2>{t('feeds.title')}</h2>
      <ul>
        {rows.map(({ id, label, status }) => {
          const state = status?.state ?? 'unknown';
          return (
            <li key={id} className={`feed feed-${state}`} data-feed={id} data-state={state}>
              <i className="dot" />
              <span className="label">{label}</span>
              <span className="state">{t(`feed.${state}`)}</span>
              <small>{status?.lastSeenAt ? formatAge(now - Date.parse(status.lastSeenAt), t) : '—'}</small>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
