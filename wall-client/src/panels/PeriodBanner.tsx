import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useSetWallView } from '../live/LiveModelProvider';
import { usePeriodQuery } from '../trends/usePeriodQuery';

const NAMED = ['today', 'yesterday', 'last-7-days', 'last-week', 'last-4-weeks'];

/**
 * The wall is not live: a band across the screen says what it shows instead (a meeting
 * period, or a replay with its clock and progress) and takes it back to live in one click.
 * A frame around the screen keeps it visible from across the hall. Where the screen has the
 * period control, the band is part of it (`inControl`): the layout does not move.
 */
export function PeriodBanner({
  inControl = false,
  inline = false,
}: {
  inControl?: boolean;
  inline?: boolean;
}) {
  const { t } = useI18n();
  const setView = useSetWallView();
  const period = useLive((s) => s.view?.period);
  const replay = useLive((s) => s.replay);
  const tz = useLive((s) => s.tz);
  const q = usePeriodQuery();
  if (!period || period.mode === 'live') return null;
  let text: string;
  if (period.mode === 'range') {
    const label = NAMED.includes(period.range)
      ? t(`period.${period.range}` as 'period.today')
      : t('period.custom');
    text = t('banner.range', { label, from: q.resolved.firstDay, to: q.resolved.lastDay });
  } else {
    text = t('banner.replay', {
      day: period.day,
      time: replay ? formatClock(replay.at, tz) : '',
      speed: period.speed,
    });
  }
  const status =
    replay?.status === 'loading'
      ? t('banner.loading')
      : replay?.status === 'ended'
        ? t('banner.ended')
        : replay?.status === 'error'
          ? t('banner.error', { reason: replay.error ?? '' })
          : '';
  const frame = <div className={`period-frame period-${period.mode}`} aria-hidden />;
  if (inControl) return frame;
  return (
    <>
      {!inline && frame}
      <div
        className={`period-banner period-${period.mode}${inline ? ' inline' : ''}`}
        role="status"
        data-testid="period-banner"
        data-mode={period.mode}
      >
        <strong>{text}</strong>
        {period.mode === 'replay' && (
          <span className="replay-progress" data-status={replay?.status ?? 'loading'}>
            <i style={{ width: `${Math.round((replay?.progress ?? 0) * 100)}%` }} />
          </span>
        )}
        <span className="status">{status || t('banner.liveFlowing')}</span>
        <button
          type="button"
          onClick={() => void setView({ period: { mode: 'live' } })}
          data-testid="back-to-live"
        >
          {t('banner.back')}
        </button>
      </div>
    </>
  );
}
