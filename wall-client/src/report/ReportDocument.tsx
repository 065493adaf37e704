import { useEffect, useMemo } from 'react';
import { reportKindOf } from '../../../live-model/reports/planReports';
import { comparisonRanges, type ResolvedRange } from '../../../live-model/resolveRange';
import { weekdayOf } from '../../../live-model/zonedTime';
import { formatClock } from '../format/formatTime';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useLive } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { CasePipeline } from '../panels/CasePipeline';
import { CategoryRanking } from '../panels/CategoryRanking';
import { KpiTrendTiles } from '../panels/KpiTrendTiles';
import { PeaceTrend } from '../panels/PeaceTrend';
import { RedGrids } from '../panels/RedGrids';
import { TownshipRanking } from '../panels/TownshipRanking';
import { ReadyScope } from '../render/RenderContext';
import { RenderSignal } from '../render/RenderSignal';
import { buildReportSummary } from './buildReportSummary';
import { ComponentsTable } from './ComponentsTable';
import { OverdueTable } from './OverdueTable';
import { ReportMapSection } from './ReportMapSection';
import { PaperPanel, ReportPage } from './ReportPage';
import { ReportSummaryBlock } from './ReportSummaryBlock';
import type { ReportParams } from './readReportParams';
import { TownshipTable } from './TownshipTable';
import { useReportSources } from './useReportSources';

export const REPORT_PAGES = 4;

/** A period as the report names it: one day with its weekday, or first to last day. */
function usePeriodText(): (r: ResolvedRange) => string {
  const { t } = useI18n();
  return (r) =>
    r.days === 1
      ? t('rep.day', { day: r.firstDay, weekday: t(`rep.weekday.${weekdayOf(r.firstDay)}` as MessageKey) })
      : t('rep.days', { from: r.firstDay, to: r.lastDay, n: r.days });
}

/**
 * The report: four A4 pages — the title, summary and KPIs; the peace index and its
 * components with the township ranking; the case pipeline with the overdue items, the busiest
 * categories and the grids that turned red; the map of the period.
 */
export function ReportDocument({ params }: { params: ReportParams }) {
  const { t, lang } = useI18n();
  const pack = useRegion();
  const model = useLive((s) => s.model);
  const sources = useReportSources(params, pack);
  const periodText = usePeriodText();
  const summary = useMemo(() => (sources ? buildReportSummary(sources, t) : null), [sources, t]);
  const kind = reportKindOf(params.range);
  const { previous, lastYear } = comparisonRanges(params.range, params.tz);
  const centre = pack ? `${lang === 'en' ? pack.region.nameEn : pack.region.name}${t('title.centre')}` : '';
  const title = t(`rep.${kind}`);
  const name = `${centre} · ${title} · ${params.range.firstDay === params.range.lastDay ? params.range.firstDay : `${params.range.firstDay} – ${params.range.lastDay}`}`;
  const asOf = formatClock(params.nowMs, params.tz, true);
  // The PDF's title (its metadata) is the report's name.
  useEffect(() => {
    if (centre) document.title = name;
  }, [centre, name]);
  const page = (n: number, children: React.ReactNode) => (
    <ReportPage n={n} total={REPORT_PAGES} name={name} watermark={params.watermark}>
      {children}
    </ReportPage>
  );
  const waitingFor = [
    ...(pack ? [] : ['region']),
    ...(model ? [] : ['live model']),
    ...(summary ? [] : ['report data']),
  ];
  return (
    <div className={`report report-${kind}`} lang={lang} data-testid="report" data-kind={kind}>
      <RenderSignal
        waitingFor={waitingFor}
        info={() => ({
          kind,
          pages: REPORT_PAGES,
          firstDay: params.range.firstDay,
          lastDay: params.range.lastDay,
          figures: summary?.figures ?? [],
        })}
      />
      {page(
        1,
        <>
          <header className="report-title">
            <p className="centre">{centre}</p>
            <h1>
              <span className="kind">{title}</span> <span className="period">{periodText(params.range)}</span>
            </h1>
            <dl>
              <dt>{t('rep.period.label')}</dt>
              <dd>{periodText(params.range)}</dd>
              <dt>{t('rep.previous.label')}</dt>
              <dd>{periodText(previous)}</dd>
              <dt>{t('rep.lastYear.label')}</dt>
              <dd>{periodText(lastYear)}</dd>
              <dt>{t('rep.dataAsOf')}</dt>
              <dd>{asOf}</dd>
            </dl>
          </header>
          <h2>{t('rep.summary')}</h2>
          <ReadyScope name="summary">{summary && <ReportSummaryBlock summary={summary} />}</ReadyScope>
          <h2>{t('rep.kpis')}</h2>
          <PaperPanel name="kpi-trends" height="20rem">
            <KpiTrendTiles />
          </PaperPanel>
          <h2>{t('rep.peace')}</h2>
          <PaperPanel name="peace-trend" height="27rem">
            <PeaceTrend />
          </PaperPanel>
        </>,
      )}
      {page(
        2,
        <>
          <h2>{t('rep.components')}</h2>
          {sources && <ComponentsTable summary={sources.summary} config={sources.config} />}
          <PaperPanel name="township-ranking" height="27rem">
            <TownshipRanking />
          </PaperPanel>
          <h2>{t('rep.pipeline')}</h2>
          <PaperPanel name="case-pipeline" height="19rem">
            <CasePipeline />
          </PaperPanel>
        </>,
      )}
      {page(
        3,
        <>
          {model && sources && (
            <OverdueTable
              model={model}
              nowMs={params.nowMs}
              tz={params.tz}
              townships={sources.townshipNames}
            />
          )}
          <h2>{t('rep.rankings')}</h2>
          {sources && (
            <TownshipTable
              townships={sources.townships}
              names={sources.townshipNames}
              config={sources.config}
            />
          )}
          <div className="paper-row">
            <PaperPanel name="category-ranking" height="29rem">
              <CategoryRanking rows={10} />
            </PaperPanel>
            <PaperPanel name="red-grids" height="29rem">
              <RedGrids rows={8} />
            </PaperPanel>
          </div>
          <p className="generated">{t('rep.generated', { time: asOf })}</p>
        </>,
      )}
      {page(
        4,
        <>
          <h2>{t('rep.map')}</h2>
          {pack && sources && (
            <ReportMapSection
              pack={pack}
              grids={sources.grids}
              townships={sources.townships}
              days={params.range.days}
              names={sources.townshipNames}
            />
          )}
        </>,
      )}
    </div>
  );
}
