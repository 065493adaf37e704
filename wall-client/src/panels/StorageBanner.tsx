import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';

/** While the gateway's storage is short it refuses new events: every screen says so, at once. */
export function StorageBanner() {
  const { t } = useI18n();
  const storage = useLive((s) => s.storage);
  if (!storage) return null;
  return (
    <div className="storage-banner" role="alert" data-testid="storage-banner" data-state={storage.state}>
      {storage.state === 'full' ? t('storage.full') : t('storage.low', { free: String(storage.freeMb ?? 0) })}
    </div>
  );
}
