import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';

/** While a drill runs, every screen says so: its items are exercise data, not live. */
export function DrillBanner() {
  const { t } = useI18n();
  const drill = useLive((s) => s.model?.drill.current ?? null);
  if (!drill?.active) return null;
  return (
    <div className="drill-banner" role="status" data-testid="drill-banner">
      {t('drill.banner', { name: drill.name ?? '' })}
    </div>
  );
}
