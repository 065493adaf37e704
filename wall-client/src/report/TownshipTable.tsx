import type { AreasResponse, PeaceIndexConfig } from '../../../protocol/trends';
import { useI18n } from '../i18n/I18nProvider';
import { townshipRows } from '../trends/buildRankings';

const ROWS = 16;

/** The townships in figures, ranked as the township panel ranks them: index and change, alarms, red alarms, disputes, overdue. */
export function TownshipTable({
  townships,
  names,
  config,
}: {
  townships: AreasResponse;
  names: ReadonlyMap<string, string>;
  config: PeaceIndexConfig;
}) {
  const { t } = useI18n();
  const byId = new Map(townships.areas.map((a) => [a.id, a]));
  const rows = townshipRows(townships.areas, names, config).slice(0, ROWS);
  return (
    <table className="report-table township-table" data-testid="township-table">
      <thead>
        <tr>
          <th>{t('rep.overdue.township')}</th>
          <th>{t('kt.peaceIndex')}</th>
          <th>{t('rep.change')}</th>
          <th>{t('kt.alarms')}</th>
          <th>{t('kt.redAlarms')}</th>
          <th>{t('kt.cases')}</th>
          <th>{t('kt.breached')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const c = byId.get(r.id)?.counts;
          return (
            <tr key={r.id} data-township={r.id}>
              <td>{r.label}</td>
              <td className="num">{byId.get(r.id)?.peaceIndex === null ? '—' : r.value.toFixed(1)}</td>
              <td className="num">{r.note ?? '—'}</td>
              <td className="num">{c?.alarms.toLocaleString('zh-CN') ?? '—'}</td>
              <td className="num">{c?.redAlarms ?? '—'}</td>
              <td className="num">{c?.cases ?? '—'}</td>
              <td className="num">{c?.breached ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
