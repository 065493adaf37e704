/**
 * The details of the focused alarm, case, camera, grid or township. Feed text is shown as text
 * (React escapes it), never as HTML; party names arrive masked from the gateway.
 */
import { selectCaseDeadline } from '../../../../live-model/selectors/selectCaseDeadline';
import type { AlarmRecord, CameraRecord, CaseRecord } from '../../../../protocol/liveModel';
import type { AreaRisk } from '../../../../protocol/risk';
import type { Focus } from '../../../../protocol/wallView';
import { formatAge, formatClock } from '../../format/formatTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useLive, useServerNow } from '../../live/LiveModelProvider';
import { useRegion } from '../../live/RegionProvider';
import { SeverityMark } from '../SeverityMark';

type T = ReturnType<typeof useI18n>['t'];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="card-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function AlarmDetails({ a, t, tz }: { a: AlarmRecord; t: T; tz: string }) {
  return (
    <>
      <h3>
        <SeverityMark severity={a.severity} /> {a.category}
      </h3>
      <dl>
        <Row label={t('map.card.occurred')}>{formatClock(Date.parse(a.occurredAt), tz, true)}</Row>
        <Row label={t('map.card.channel')}>{t(`channel.${a.channel}`)}</Row>
        <Row label={t('map.card.state')}>{t(`alarm.state.${a.state}`)}</Row>
        {a.address && <Row label={t('map.card.where')}>{a.address}</Row>}
        {a.assignedTo && <Row label={t('map.card.assigned')}>{a.assignedTo}</Row>}
      </dl>
      {a.text && <p className="card-text">{a.text}</p>}
    </>
  );
}

function CaseDetails({ c, t, tz, now }: { c: CaseRecord; t: T; tz: string; now: number }) {
  const d = selectCaseDeadline(c, now);
  const sla =
    d.state === 'done'
      ? t('map.card.slaDone')
      : d.state === 'breached'
        ? t('map.card.slaOver', { t: formatAge(-d.remainingMs, t) })
        : t('map.card.slaLeft', { t: formatAge(d.remainingMs, t) });
  return (
    <>
      <h3>
        <SeverityMark severity={c.risk} /> {t(`category.${c.category}`)}
      </h3>
      <dl>
        <Row label={t('map.card.received')}>{formatClock(Date.parse(c.receivedAt), tz, true)}</Row>
        <Row label={t('map.card.state')}>{t(`status.${c.status}`)}</Row>
        <Row label={t('map.card.sla')}>
          <span className={`sla-${d.state}`}>{sla}</span>
        </Row>
        {c.handlingUnit && <Row label={t('map.card.assigned')}>{c.handlingUnit}</Row>}
      </dl>
      {c.summary && <p className="card-text">{c.summary}</p>}
    </>
  );
}

function CameraDetails({ c, t }: { c: CameraRecord; t: T }) {
  return (
    <>
      <h3>{c.name}</h3>
      <dl>
        <Row label={t('map.card.cameraState')}>{t(`video.${c.status}`)}</Row>
        <Row label={t('map.card.kind')}>{t(`cameraKind.${c.kind}`)}</Row>
        <Row label={t('map.card.source')}>{c.source}</Row>
      </dl>
    </>
  );
}

function AreaDetails({
  name,
  population,
  risk,
  t,
}: {
  name: string;
  population: number;
  risk?: AreaRisk;
  t: T;
}) {
  const level = risk?.level ?? 'green';
  const c = risk?.counts;
  const repeats = risk && risk.kind === 'grid' ? Object.entries(risk.matters).filter(([, n]) => n >= 3) : [];
  return (
    <>
      <h3>
        <SeverityMark severity={level} /> {name}
      </h3>
      <dl>
        <Row label={t('map.card.risk')}>
          {t(`map.level.${level}`)} · {t('map.card.points', { p: risk?.points ?? 0 })}
        </Row>
      </dl>
      <ul className="card-reasons">
        {risk && risk.reasons.length > 0 ? (
          risk.reasons.map((r) => (
            <li key={r.code}>{t(`map.reason.${r.code}` as MessageKey, { n: r.count, p: r.points })}</li>
          ))
        ) : (
          <li>{t('map.reason.none')}</li>
        )}
      </ul>
      {c && (
        <p className="card-text">
          {t('map.card.counts', {
            r: c.redAlarms,
            y: c.yellowAlarms,
            g: c.greenAlarms,
            c: c.openRedCases + c.openYellowCases + c.openGreenCases,
            a: c.atRiskCases,
            o: c.overdueCases,
          })}
        </p>
      )}
      {repeats.length > 0 && (
        <p className="card-text">
          {t('map.card.repeats')}: {repeats.map(([m, n]) => `${m}×${n}`).join('，')}
        </p>
      )}
      <p className="card-muted">{t('map.card.population', { n: population.toLocaleString('zh-CN') })}</p>
    </>
  );
}

export function MapDetailsCard({ focus, onClose }: { focus: Pick<Focus, 'kind' | 'id'>; onClose(): void }) {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const tz = useLive((s) => s.tz);
  const now = useServerNow(1000);
  const key = `${focus.kind}:${focus.id}`;
  const item = useLive((s) => {
    const m = s.model;
    if (!m) return undefined;
    if (focus.kind === 'alarm') return m.alarms[focus.id];
    if (focus.kind === 'case') return m.cases[focus.id];
    if (focus.kind === 'camera') return m.cameras[focus.id];
    return m.risk?.[key] ?? null;
  }, key);
  let body: React.ReactNode = <p className="card-muted">{t('map.card.notFound')}</p>;
  if (focus.kind === 'alarm' && item) body = <AlarmDetails a={item as AlarmRecord} t={t} tz={tz} />;
  if (focus.kind === 'case' && item) body = <CaseDetails c={item as CaseRecord} t={t} tz={tz} now={now} />;
  if (focus.kind === 'camera' && item) body = <CameraDetails c={item as CameraRecord} t={t} />;
  if (focus.kind === 'grid' || focus.kind === 'township') {
    const area = (focus.kind === 'grid' ? pack?.grids.features : pack?.townships.features)?.find(
      (f) => f.properties.id === focus.id,
    );
    if (area) {
      const p = area.properties as { name: string; nameEn?: string; population: number };
      const name = lang === 'en' && p.nameEn ? p.nameEn : p.name;
      body = (
        <AreaDetails
          name={name}
          population={p.population}
          risk={(item as AreaRisk | null) ?? undefined}
          t={t}
        />
      );
    }
  }
  return (
    <aside className="map-card" data-testid="map-details" data-focus={key} aria-live="polite">
      <header>
        <span className="card-kind">{t(`map.card.${focus.kind}`)}</span>
        <button type="button" onClick={onClose} aria-label={t('map.card.close')}>
          ×
        </button>
      </header>
      {body}
    </aside>
  );
}
