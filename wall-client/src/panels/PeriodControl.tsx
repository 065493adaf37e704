import { useState } from 'react';
import { addDays, dayKey, localToEpoch, startOfDay } from '../../../live-model/zonedTime';
import type { Period } from '../../../protocol/wallView';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useRealServerNow, useSetWallView } from '../live/LiveModelProvider';
import { replayStartedAt } from '../replay/advanceReplay';
import { useApiJson } from '../trends/useApiJson';
import { PeriodBanner } from './PeriodBanner';

const QUICK = ['today', 'yesterday', 'last-7-days', 'last-4-weeks'] as const;
const SPEEDS = [10, 60, 300, 600] as const;
const STARTS = ['00:00', '08:00', '12:00', '18:00', '20:00'] as const;

type Choice = 'live' | (typeof QUICK)[number] | 'custom' | 'replay';

function choiceOf(period: Period | undefined): Choice {
  if (!period || period.mode === 'live') return 'live';
  if (period.mode === 'replay') return 'replay';
  return (QUICK as readonly string[]).includes(period.range) ? (period.range as Choice) : 'custom';
}

/**
 * The meeting control: live, today, yesterday, last 7 days, last 4 weeks, a custom range,
 * or a replay of a day at a chosen speed. It sets the wall's period, so every screen of the
 * wall switches together; Escape or L goes back to live (PeriodDriver).
 */
export function PeriodControl({ status = true }: { status?: boolean }) {
  const { t } = useI18n();
  const setView = useSetWallView();
  const period = useLive((s) => s.view?.period);
  const tz = useLive((s) => s.tz);
  const now = useRealServerNow(60_000);
  const today = dayKey(now, tz);
  const [open, setOpen] = useState<'custom' | 'replay' | null>(null);
  const [from, setFrom] = useState(addDays(today, -7));
  const [to, setTo] = useState(addDays(today, -1));
  const [day, setDay] = useState(addDays(today, -1));
  const [speed, setSpeed] = useState<number>(60);
  const [start, setStart] = useState<string>('00:00');
  const days = useApiJson<{ days: string[] }>(open === 'replay' ? '/api/replay/days' : null);
  const choice = choiceOf(period);
  const go = (next: Period) => {
    setOpen(null);
    void setView({ period: next });
  };
  const button = (key: Choice, onClick: () => void) => (
    <button
      key={key}
      type="button"
      className={choice === key ? 'on' : ''}
      aria-pressed={choice === key}
      data-period={key}
      onClick={onClick}
    >
      {t(`period.${key}`)}
    </button>
  );
  return (
    <div
      className={`period-control mode-${period?.mode ?? 'live'}`}
      data-testid="period-control"
      data-choice={choice}
    >
      {button('live', () => go({ mode: 'live' }))}
      {QUICK.map((range) => button(range, () => go({ mode: 'range', range })))}
      {button('custom', () => setOpen(open === 'custom' ? null : 'custom'))}
      {button('replay', () => setOpen(open === 'replay' ? null : 'replay'))}
      {open === 'custom' && (
        <form
          className="period-pop"
          onSubmit={(e) => {
            e.preventDefault();
            if (from <= to) go({ mode: 'range', range: `${from}..${to}` });
          }}
        >
          <label>
            {t('period.from')}{' '}
            <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('period.to')}{' '}
            <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" data-period-apply>
            {t('period.apply')}
          </button>
        </form>
      )}
      {open === 'replay' && (
        <form
          className="period-pop"
          onSubmit={(e) => {
            e.preventDefault();
            const dayFrom = startOfDay(day, tz);
            const at = localToEpoch(`${day}T${start}:00`, tz);
            go({ mode: 'replay', day, speed, startedAt: replayStartedAt(dayFrom, at, speed, now) });
          }}
        >
          <label>
            {t('period.day')}{' '}
            <select value={day} onChange={(e) => setDay(e.target.value)} data-replay-day>
              {(days.data?.days ?? [day]).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('period.startAt')}{' '}
            <select value={start} onChange={(e) => setStart(e.target.value)}>
              {STARTS.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            {t('period.speed')}{' '}
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-replay-speed>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-replay-play>
            {t('period.play')}
          </button>
        </form>
      )}
      {status && <PeriodBanner inline />}
    </div>
  );
}
