import { snapshotFooterHeight } from '../../../protocol/reports';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { usePeriodQuery } from '../trends/usePeriodQuery';

const NAMED = ['today', 'yesterday', 'last-7-days', 'last-week', 'last-4-weeks'];

/**
 * The strip under a snapshot: which centre and screen, the data time and whether the wall was
 * live or showed a period or a replay, and the export's watermark (who, when, audit entry).
 */
export function SnapshotFooter({
  wallName,
  screenTitle,
  canvas,
}: {
  wallName: string;
  screenTitle: string;
  canvas: { width: number; height: number };
}) {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const period = useLive((s) => s.view?.period ?? null);
  const replay = useLive((s) => s.replay);
  const tz = useLive((s) => s.tz);
  // Ticks every second; the time shown is the server's at this render (not the tick's, which
  // may predate the first clock message by up to a second), or the replay clock.
  const tick = useServerNow(1000);
  const offset = useLive((s) => s.serverOffsetMs);
  const now = replay ? tick : Date.now() + offset;
  const q = usePeriodQuery();
  const watermark = new URLSearchParams(window.location.search).get('wm') ?? '';
  const centre = pack ? `${lang === 'en' ? pack.region.nameEn : pack.region.name}${t('title.centre')}` : '';
  let shows: string;
  if (!period || period.mode === 'live') shows = t('snap.live');
  else if (period.mode === 'range')
    shows = t('snap.period', {
      label: NAMED.includes(period.range) ? t(`period.${period.range}` as MessageKey) : t('period.custom'),
      from: q.resolved.firstDay,
      to: q.resolved.lastDay,
    });
  else
    shows = t('snap.replay', {
      day: period.day,
      time: replay ? formatClock(replay.at, tz) : '',
      speed: period.speed,
    });
  const height = snapshotFooterHeight(canvas.height);
  return (
    <footer
      className={`snapshot-footer ${period && period.mode !== 'live' ? `shows-${period.mode}` : 'shows-live'}`}
      data-testid="snapshot-footer"
      style={{ top: canvas.height, width: canvas.width, height, fontSize: height * 0.4 }}
    >
      <span className="where">
        {centre} · {wallName} · {screenTitle}
      </span>
      <span className="when">
        <b>{shows}</b> · {t('snap.dataTime', { time: formatClock(now, tz, true) })}
      </span>
      <span className="watermark">{watermark}</span>
    </footer>
  );
}
