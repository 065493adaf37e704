import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive, useServerNow } from '../live/LiveModelProvider';
import { useConsole } from './ConsoleContext';
import { useAlarmAlert } from './useAlarmAlert';

export type ConsoleTab = 'duty' | 'reports' | 'audit' | 'users';

/** Who is at the desk, the tabs their role may see, the link, the clock, sound and language. */
export function ConsoleHeader({
  tab,
  tabs,
  onTab,
}: {
  tab: ConsoleTab;
  tabs: readonly ConsoleTab[];
  onTab: (tab: ConsoleTab) => void;
}) {
  const { t, lang, setLang } = useI18n();
  const { session, desk, logout } = useConsole();
  const now = useServerNow(1000);
  const tz = useLive((s) => s.tz);
  const connection = useLive((s) => s.connection);
  const alert = useAlarmAlert();
  const soundLabel: MessageKey =
    alert.soundState === 'blocked' && !alert.muted
      ? 'console.sound.blocked'
      : alert.muted
        ? 'console.sound.off'
        : 'console.sound.on';
  return (
    <header className="console-header">
      <h1>{t('console.title')}</h1>
      <nav className="console-tabs" aria-label={t('console.title')}>
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            className={k === tab ? 'active' : ''}
            aria-pressed={k === tab}
            onClick={() => onTab(k)}
          >
            {t(`console.tab.${k}`)}
          </button>
        ))}
      </nav>
      <span className={`urgent ${alert.waiting > 0 ? 'urgent-on' : ''}`} data-testid="urgent-count">
        {t('console.urgent', { n: alert.waiting })}
      </span>
      <span className={`link link-${connection}`} data-testid="connection-state" data-state={connection}>
        {t(`conn.${connection}`)}
      </span>
      <time className="clock">{formatClock(now, tz, true)}</time>
      <span className="who" data-testid="console-user">
        {session.user.name} · {t(`role.${session.user.role}`)} · {t('console.desk', { desk })}
      </span>
      <button
        type="button"
        className={`sound sound-${alert.muted ? 'off' : alert.soundState}`}
        onClick={() => void alert.toggle()}
        data-testid="sound-toggle"
      >
        {t(soundLabel)}
      </button>
      <button type="button" className="lang" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('lang.switch')}
      </button>
      <button type="button" className="logout" onClick={logout} data-testid="logout">
        {t('console.logout')}
      </button>
    </header>
  );
}
