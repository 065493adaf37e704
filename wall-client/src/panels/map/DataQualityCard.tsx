import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import type { DataQualityItem } from './createMapData';
import { PLACEMENT_PROBLEMS } from './resolvePlacement';

const SHOWN = 5;

/** Items the map does not plot, and why: outside the district, bad coordinates, no position. */
export function DataQualityCard({ items }: { items: readonly DataQualityItem[] }) {
  const { t } = useI18n();
  const counts = PLACEMENT_PROBLEMS.map((p) => [p, items.filter((i) => i.problem === p).length] as const);
  return (
    <aside className={`map-dq ${items.length > 0 ? 'map-dq-issues' : ''}`} data-testid="map-data-quality">
      <h3>
        {t('map.dq.title')} · {items.length > 0 ? t('map.dq.count', { n: items.length }) : t('map.dq.none')}
      </h3>
      {items.length > 0 && (
        <>
          <p className="map-dq-counts">
            {counts
              .filter(([, n]) => n > 0)
              .map(([p, n]) => `${t(`map.dq.${p}`)} ${n}`)
              .join(' · ')}
          </p>
          <ol>
            {items.slice(0, SHOWN).map((i) => (
              <li key={`${i.kind}:${i.id}`} data-dq-id={i.id} data-problem={i.problem}>
                <span className="dq-kind">{t(`map.card.${i.kind}`)}</span>
                <span className="dq-label" title={i.id}>
                  {i.kind === 'case' ? t(`category.${i.label}` as MessageKey) : i.label}
                </span>
                <span className="dq-problem">{t(`map.dq.${i.problem}`)}</span>
              </li>
            ))}
          </ol>
          {items.length > SHOWN && (
            <p className="map-dq-more">{t('map.dq.more', { n: items.length - SHOWN })}</p>
          )}
        </>
      )}
    </aside>
  );
}
