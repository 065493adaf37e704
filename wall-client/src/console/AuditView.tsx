import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { ActionConflict } from '../../../protocol/alarmActions';
import type { AuditEntry } from '../../../protocol/audit';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive } from '../live/LiveModelProvider';
import { buildConflictText } from './buildConflictText';
import { useConsole } from './ConsoleContext';
import { HeadRow } from './ConsoleTable';

const PAGE = 100;

type Translate = ReturnType<typeof useI18n>['t'];

/** A short, readable line of an entry's particulars (unit, note, conflict…); text only. */
function summarise(detail: Record<string, unknown>, t: Translate, tz: string): string {
  return Object.entries(detail)
    .filter(([k]) => k !== 'expectedRevision' && k !== 'action')
    .map(([k, v]) =>
      k === 'conflict'
        ? buildConflictText(v as ActionConflict, t, tz)
        : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    )
    .join(' · ')
    .slice(0, 300);
}

/** The audit log for leaders and admins: newest first, filtered, paged; admins can verify the chain. */
export function AuditView() {
  const { t } = useI18n();
  const tz = useLive((s) => s.tz);
  const { consoleFetch, session } = useConsole();
  const [filters, setFilters] = useState({ actor: '', action: '', target: '' });
  const [applied, setApplied] = useState(filters);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [verdict, setVerdict] = useState<string | null>(null);

  const load = useCallback(
    async (before: number | null) => {
      const q = new URLSearchParams({ limit: String(PAGE) });
      for (const [k, v] of Object.entries(applied)) if (v.trim()) q.set(k, v.trim());
      if (before) q.set('before', String(before));
      const res = await consoleFetch(`/api/audit?${q}`);
      if (!res.ok) return;
      const body = (await res.json()) as { entries: AuditEntry[]; next: number | null };
      setEntries((prev) => (before ? [...prev, ...body.entries] : body.entries));
      setNext(body.next);
    },
    [applied, consoleFetch],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filters);
  };
  const verify = async () => {
    const res = await consoleFetch('/api/audit/verify');
    const v = (await res.json()) as { ok: boolean; entries: number; brokenAt?: number };
    setVerdict(v.ok ? t('audit.verified', { n: v.entries }) : t('audit.broken', { id: v.brokenAt ?? '?' }));
  };

  return (
    <section className="panel console-audit" data-testid="audit-view">
      <form className="panel-bar" onSubmit={search}>
        <h2>{t('audit.title')}</h2>
        {(['actor', 'action', 'target'] as const).map((k) => (
          <input
            key={k}
            value={filters[k]}
            placeholder={t(`audit.filter.${k}`)}
            aria-label={t(`audit.filter.${k}`)}
            onChange={(e) => setFilters({ ...filters, [k]: e.target.value })}
          />
        ))}
        <button type="submit">{t('audit.search')}</button>
        {session.user.role === 'admin' && (
          <button type="button" onClick={() => void verify()}>
            {t('audit.verify')}
          </button>
        )}
        <span className="verdict">{verdict ?? ''}</span>
      </form>
      <HeadRow
        row="audit-row"
        labels={[
          'audit.col.id',
          'audit.col.at',
          'audit.col.actor',
          'audit.col.action',
          'audit.col.target',
          'audit.col.outcome',
          'audit.col.origin',
          'audit.col.detail',
        ]}
      />
      <ol className="audit-body">
        {entries.map((e) => (
          <li key={e.id} className={`audit-row outcome-${e.outcome}`} data-audit-id={e.id}>
            <span>{e.id}</span>
            <time>{formatClock(Date.parse(e.at), tz, true)}</time>
            <span>
              {e.actor
                ? `${e.actor.name} (${t(`role.${e.actor.role}` as MessageKey)})`
                : t('audit.anonymous')}
            </span>
            <span>{e.action}</span>
            <span>{e.target ?? ''}</span>
            <span className="outcome">{t(`outcome.${e.outcome}`)}</span>
            <span>{[e.origin.console, e.origin.ip].filter(Boolean).join(' · ')}</span>
            <span className="detail">{summarise(e.detail, t, tz)}</span>
          </li>
        ))}
      </ol>
      <footer>
        {next !== null && (
          <button type="button" onClick={() => void load(next)}>
            {t('audit.more')}
          </button>
        )}
      </footer>
    </section>
  );
}
