import { FEED_NAMES } from '../../../protocol/schemas';
import { formatAge, formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { SnapshotControl } from '../render/SnapshotControl';

/** Title, the gateway's clock, the link state and each feed's freshness with its age. */
export function WallHeader({ regionName, screenTitle }: { regionName: string; screenTitle?: string }) {
  const { t, lang, setLang } = useI18n();
  const now = useServerNow(1000);
  const tz = useLive((s) => s.tz);
  const connection = useLive((s) => s.connection);
  const feeds = useLive((s) => s.model?.feeds ?? null);
  return (
    <header className="wall-header">
      <h1>
        {screenTitle ? `${regionName}${t('title.centre')} · ${screenTitle}` : `${regionName} ${t('title')}`}
      </h1>
      <div className="feeds" data-testid="feed-freshness">
        {FEED_NAMES.map((f) => {
          const status = feeds?.[f];
          const state = status?.state ?? 'unknown';
          const age = status?.lastSeenAt ? formatAge(now - Date.parse(status.lastSeenAt), t) : '—';
          return (
            <span key={f} className={`feed feed-${state}`} data-feed={f} data-state={state}>
              <i className="dot" />
              {t(`feed.${f}`)} {t(`feed.${state}`)} <small>{age}</small>
            </span>
          );
        })}
      </div>
      <span className={`link link-${connection}`} data-testid="connection-state" data-state={connection}>
        {t(`conn.${connection}`)}
      </span>
      <time className="clock">{formatClock(now, tz, true)}</time>
      <SnapshotControl />
      <button type="button" className="lang" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('lang.switch')}
      </button>
    </header>
  );
}
