import type { RegionPack } from '../../../live-model/region/types';
import type { LiveModel } from '../../../protocol/liveModel';
import { CASE_DONE_STATUSES } from '../../../protocol/schemas';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';

interface Row {
  id: string;
  name: string;
  redAlarms: number;
  openAlarms: number;
  openCases: number;
}

function toRows(model: LiveModel, pack: RegionPack, lang: string): Row[] {
  const rows = new Map<string, Row>(
    pack.townships.features.map((f) => [
      f.properties.id,
      {
        id: f.properties.id,
        name: lang === 'en' ? f.properties.nameEn : f.properties.name,
        redAlarms: 0,
        openAlarms: 0,
        openCases: 0,
      },
    ]),
  );
  for (const a of Object.values(model.alarms)) {
    const row = a.townshipId ? rows.get(a.townshipId) : undefined;
    if (!row || a.state === 'closed') continue;
    row.openAlarms++;
    if (a.severity === 'red') row.redAlarms++;
  }
  for (const c of Object.values(model.cases)) {
    const row = c.townshipId ? rows.get(c.townshipId) : undefined;
    if (row && !CASE_DONE_STATUSES.includes(c.status)) row.openCases++;
  }
  return [...rows.values()];
}

/** Per township: open alarms (red among them) and open cases. The risk map replaces it. */
export function TownshipSituation() {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const rows = useLive(
    (s) => (s.model && pack ? toRows(s.model, pack, lang) : null),
    `${pack ? 1 : 0}${lang}`,
  );
  return (
    <section className="panel townships" data-testid="townships">
      <h2>{t('townships.title')}</h2>
      <div className="township-grid">
        {rows?.map((r) => (
          <div
            key={r.id}
            className={`township ${r.redAlarms > 0 ? 'township-red' : ''}`}
            data-township={r.id}
          >
            <span className="name">{r.name}</span>
            <span className="figures">
              <b>{r.redAlarms}</b> / {r.openAlarms} · {r.openCases}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
}
