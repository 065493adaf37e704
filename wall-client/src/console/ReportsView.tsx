import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ExportFormat, ReportEntry, ReportLang, ReportsListResponse } from '../../../protocol/reports';
import type { WallLayout } from '../../../protocol/wallLayout';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive } from '../live/LiveModelProvider';
import { downloadBlob } from '../render/requestSnapshot';
import { useConsole } from './ConsoleContext';
import { HeadRow } from './ConsoleTable';
import '../styles/consoleReports.css';

const RANGES = ['yesterday', 'last-week', 'last-7-days', 'last-4-weeks', 'custom'] as const;
type RangeChoice = (typeof RANGES)[number];

/**
 * Reports and snapshots at the console: the reports made every morning (download), a report
 * for any period made now, and a snapshot of any screen of the wall. Each one the gateway
 * stamps with this officer's watermark and records in the audit log.
 */
export function ReportsView() {
  const { t, lang } = useI18n();
  const tz = useLive((s) => s.tz);
  const { consoleFetch } = useConsole();
  const [list, setList] = useState<ReportsListResponse | null>(null);
  const [walls, setWalls] = useState<WallLayout[]>([]);
  const [form, setForm] = useState({
    range: 'yesterday' as RangeChoice,
    from: '',
    to: '',
    format: 'pdf' as ExportFormat,
    lang: lang as ReportLang,
  });
  const [status, setStatus] = useState<{ key: MessageKey; vars?: Record<string, string> } | null>(null);

  const load = useCallback(() => {
    void consoleFetch('/api/reports')
      .then((r) => r.json() as Promise<ReportsListResponse>)
      .then(setList)
      .catch(() => undefined);
  }, [consoleFetch]);
  useEffect(() => {
    load();
    void consoleFetch('/api/walls')
      .then((r) => r.json() as Promise<{ walls: WallLayout[] }>)
      .then((b) => setWalls(b.walls))
      .catch(() => undefined);
  }, [consoleFetch, load]);

  /** Fetches an export and saves it; the answer's one-line reason when it fails. */
  const fetchFile = async (path: string, fallbackName: string) => {
    setStatus({ key: 'snap.working' });
    try {
      const res = await consoleFetch(path);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        return setStatus({ key: 'snap.failed', vars: { reason: body?.error ?? `HTTP ${res.status}` } });
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
      downloadBlob(await res.blob(), name);
      setStatus({ key: 'snap.done', vars: { name } });
      load();
    } catch (err) {
      setStatus({ key: 'snap.failed', vars: { reason: (err as Error).message } });
    }
  };

  const make = (e: FormEvent) => {
    e.preventDefault();
    const range = form.range === 'custom' ? `${form.from}..${form.to}` : form.range;
    const q = new URLSearchParams({ range, format: form.format, lang: form.lang });
    void fetchFile(`/api/reports?${q}`, `report.${form.format}`);
  };

  return (
    <div className="reports-view" data-testid="reports-view">
      <section className="panel">
        <form className="panel-bar" onSubmit={make}>
          <h2>{t('rep.console.make')}</h2>
          <select
            value={form.range}
            aria-label={t('rep.period.label')}
            onChange={(e) => setForm({ ...form, range: e.target.value as RangeChoice })}
          >
            {RANGES.map((r) => (
              <option key={r} value={r}>
                {t(r === 'custom' ? 'period.custom' : (`period.${r}` as MessageKey))}
              </option>
            ))}
          </select>
          {form.range === 'custom' && (
            <>
              <input
                type="date"
                aria-label={t('period.from')}
                value={form.from}
                onChange={(e) => setForm({ ...form, from: e.target.value })}
              />
              <input
                type="date"
                aria-label={t('period.to')}
                value={form.to}
                onChange={(e) => setForm({ ...form, to: e.target.value })}
              />
            </>
          )}
          <select
            value={form.format}
            aria-label={t('snap.format')}
            onChange={(e) => setForm({ ...form, format: e.target.value as ExportFormat })}
          >
            <option value="pdf">PDF</option>
            <option value="png">PNG</option>
          </select>
          <select
            value={form.lang}
            aria-label={t('rep.console.lang')}
            onChange={(e) => setForm({ ...form, lang: e.target.value as ReportLang })}
          >
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
          <button type="submit">{t('snap.export')}</button>
          <span className="verdict" role="status" data-testid="export-status">
            {status ? t(status.key, status.vars) : ''}
          </span>
        </form>
        <h2>{t('rep.console.generated')}</h2>
        <p className="schedule">
          {list?.schedule.enabled
            ? t('rep.console.schedule', {
                at: list.schedule.at,
                next: list.schedule.nextRunAt
                  ? formatClock(Date.parse(list.schedule.nextRunAt), tz, true)
                  : '—',
              })
            : t('rep.console.noSchedule')}
          {list?.schedule.lastError && <b className="bad"> {list.schedule.lastError}</b>}
        </p>
        <HeadRow
          row="report-row"
          labels={['rep.console.report', 'rep.period.label', 'rep.console.made', null]}
        />
        <ol className="report-body">
          {(list?.reports ?? []).map((r: ReportEntry) => (
            <li key={r.name} className="report-row" data-report={r.name}>
              <span>
                {t(`rep.${r.kind}`)} · {r.lang === 'en' ? 'EN' : '中'} · {r.format.toUpperCase()}
              </span>
              <span>{r.firstDay === r.lastDay ? r.firstDay : `${r.firstDay} – ${r.lastDay}`}</span>
              <span>{formatClock(Date.parse(r.generatedAt), tz, true)}</span>
              <span>
                <button type="button" onClick={() => void fetchFile(r.url, r.name)}>
                  {t('rep.console.download')}
                </button>
              </span>
            </li>
          ))}
          {list && list.reports.length === 0 && <li className="empty">{t('rep.console.none')}</li>}
        </ol>
      </section>
      <section className="panel">
        <h2>{t('snap.title')}</h2>
        {walls.map((w) => (
          <div key={w.id} className="snap-wall">
            <h3>{w.name}</h3>
            {w.screens.map((s) => (
              <div key={s.id} className="snap-row" data-screen={s.id}>
                <span>
                  {s.title ?? s.id} <small>{s.id}</small>
                </span>
                {(['png', 'pdf'] as const).map((f) => (
                  <button
                    key={f}
                    type="button"
                    onClick={() =>
                      void fetchFile(
                        `/api/snapshot?${new URLSearchParams({ wall: w.id, screen: s.id, format: f, lang })}`,
                        `snapshot-${w.id}-${s.id}.${f}`,
                      )
                    }
                  >
                    {f.toUpperCase()}
                  </button>
                ))}
              </div>
            ))}
          </div>
        ))}
      </section>
    </div>
  );
}
