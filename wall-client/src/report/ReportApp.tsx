import { useLayoutEffect, useState } from 'react';
import type { LiveModel } from '../../../protocol/liveModel';
import { RENDER_SIGNAL } from '../../../protocol/reports';
import { createApiFetch, takeTokenFromAddress } from '../auth/screenToken';
import { createLiveModelStore } from '../live/createLiveModelStore';
import { StaticModelProvider } from '../live/LiveModelProvider';
import { RegionProvider } from '../live/RegionProvider';
import { ReportDocument } from './ReportDocument';
import { readReportParams } from './readReportParams';

/**
 * The print route (`/print/report`): the daily/weekly analysis as A4 pages, drawn by the
 * wall's own panels in paper colours. The gateway's headless renderer opens it and prints it
 * once every panel has drawn (RenderSignal).
 */
export function ReportApp() {
  const [token] = useState(takeTokenFromAddress);
  const [parsed] = useState(() => readReportParams(window.location.search));
  const [store] = useState(() => createLiveModelStore({ now: Date.now }));
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.classList.add('print');
    // Panels size their text in rem: 11 px is about 8 pt on A4.
    root.style.fontSize = '11px';
  }, []);
  useLayoutEffect(() => {
    if (!parsed.ok) return;
    const { params } = parsed;
    const at = new Date(params.nowMs).toISOString();
    // The period is the report's "wall view": the trend panels follow it as on a screen.
    store.setView({
      wall: 'report',
      version: 1,
      focus: null,
      autoFocus: false,
      period: { mode: 'range', range: `${params.range.firstDay}..${params.range.lastDay}` },
      updatedAt: at,
      updatedBy: 'report',
    });
    const abort = new AbortController();
    createApiFetch(token)('/api/live', { signal: abort.signal })
      .then((r) =>
        r.ok
          ? (r.json() as Promise<{ seq: number; model: LiveModel }>)
          : Promise.reject(new Error(`HTTP ${r.status}`)),
      )
      .then((live) => store.applySnapshot({ ...live, serverTime: at, tz: params.tz, region: '' }))
      .catch((err: Error) => {
        if (!abort.signal.aborted)
          document.documentElement.setAttribute(RENDER_SIGNAL.failed, `live model: ${err.message}`);
      });
    return () => abort.abort();
  }, [parsed, store, token]);
  if (!parsed.ok) return <p className="report-error">{parsed.reason}</p>;
  return (
    <StaticModelProvider token={token} store={store}>
      <RegionProvider>
        <ReportDocument params={parsed.params} />
      </RegionProvider>
    </StaticModelProvider>
  );
}
