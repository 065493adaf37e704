import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ReadyScope } from '../render/RenderContext';

/** One A4 page: its content, and a footer with the report's name, the watermark and the page number. */
export function ReportPage({
  n,
  total,
  name,
  watermark,
  children,
}: {
  n: number;
  total: number;
  name: string;
  watermark: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="report-page" data-page={n}>
      <div className="report-body">{children}</div>
      <footer className="report-foot">
        <span className="name">{name}</span>
        <span className="page-number">{t('rep.page', { n, total })}</span>
        <span className="watermark" data-testid="watermark">
          {watermark}
        </span>
      </footer>
    </section>
  );
}

/**
 * A wall panel placed on paper: a fixed box (charts need a size; nothing may be cut off),
 * named for the renderer's ready signal like a cell of a wall screen.
 */
export function PaperPanel({
  name,
  height,
  children,
}: {
  name: string;
  height: string;
  children: ReactNode;
}) {
  return (
    <ReadyScope name={name}>
      <div className="paper-panel" data-panel={name} style={{ height }}>
        {children}
      </div>
    </ReadyScope>
  );
}
