/** The pieces every console table shares: its filter tabs and its column header row. */

import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

export function FilterTabs<F extends string>({
  options,
  value,
  onChange,
}: {
  options: readonly { key: F; label: MessageKey; count?: number | null }[];
  value: F;
  onChange: (key: F) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="filters" role="tablist">
      {options.map((o) => (
        <button
          key={o.key}
          type="button"
          role="tab"
          aria-selected={o.key === value}
          className={o.key === value ? 'active' : ''}
          data-filter={o.key}
          onClick={() => onChange(o.key)}
        >
          {t(o.label)}
          {o.count !== undefined && <b>{o.count ?? '—'}</b>}
        </button>
      ))}
    </div>
  );
}

/** Column titles on the same grid as the rows (`row` is the rows' class); null leaves a column blank. */
export function HeadRow({ row, labels }: { row: string; labels: readonly (MessageKey | null)[] }) {
  const { t } = useI18n();
  return (
    <div className={`${row} ${row.replace(/-row$/, '-head')}`} aria-hidden="true">
      {labels.map((label, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of columns
        <span key={i}>{label ? t(label) : ''}</span>
      ))}
    </div>
  );
}
