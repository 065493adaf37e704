import type { PeaceIndexConfig, SummaryResponse } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';

const score = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(Math.round(v)));

/** The peace index's components in figures: score, the previous period's, the change, weight and points. */
export function ComponentsTable({ summary, config }: { summary: SummaryResponse; config: PeaceIndexConfig }) {
  const { t, lang } = useI18n();
  const previous = new Map((summary.previous.components ?? []).map((c) => [c.key, c]));
  return (
    <table className="report-table components-table" data-testid="components-table">
      <thead>
        <tr>
          <th>{t('rep.component')}</th>
          <th>{t('rep.score')}</th>
          <th>{t('rep.previousScore')}</th>
          <th>{t('rep.change')}</th>
          <th>{t('rep.weight')}</th>
          <th>{t('rep.points')}</th>
        </tr>
      </thead>
      <tbody>
        {(summary.current.components ?? []).map((c) => {
          const before = previous.get(c.key)?.score ?? null;
          const d = c.score !== null && before !== null ? c.score - before : null;
          const label =
            config.components.find((x) => x.key === c.key)?.label[lang === 'en' ? 'en' : 'zh-CN'] ?? c.key;
          return (
            <tr key={c.key} data-component={c.key}>
              <td>{label}</td>
              <td className="num">{score(c.score)}</td>
              <td className="num">{score(before)}</td>
              <td
                className={`num change change-${d === null || Math.abs(d) < 0.5 ? 'none' : d > 0 ? 'good' : 'bad'}`}
              >
                {d === null || Math.abs(d) < 0.5 ? '—' : `${d > 0 ? '▲' : '▼'}${Math.abs(d).toFixed(0)}`}
              </td>
              <td className="num">{c.weight}</td>
              <td className="num">{c.points.toFixed(1)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
