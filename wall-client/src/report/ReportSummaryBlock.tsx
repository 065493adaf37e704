import type { ReportSummary } from './buildReportSummary';

/** The summary's sentences; each figure in bold, with the API answer it comes from. */
export function ReportSummaryBlock({ summary }: { summary: ReportSummary }) {
  return (
    <ol className="report-summary" data-testid="report-summary">
      {summary.sentences.map((parts, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sentences are fixed for a report
        <li key={i}>
          {parts.map((p, j) =>
            typeof p === 'string' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed sentence
              <span key={j}>{p}</span>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed sentence
              <b key={j} data-figure={p.key} title={p.source}>
                {p.text}
              </b>
            ),
          )}
        </li>
      ))}
    </ol>
  );
}
