import { formatAge } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useNow } from '../live/LiveModelProvider';

/** Says plainly when the screen is not live; the data below stays, greyed, with its age. */
export function ConnectionBanner() {
  const { t } = useI18n();
  const now = useNow(1000);
  const connection = useLive((s) => s.connection);
  const lostAt = useLive((s) => s.lostAt);
  if (connection === 'live') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner" data-state={connection}>
      {t(connection === 'connecting' ? 'conn.connecting' : 'conn.reconnecting')}
      {lostAt !== null && ` · ${t('conn.lostFor', { age: formatAge(now - lostAt, t) })}`}
    </div>
  );
}
