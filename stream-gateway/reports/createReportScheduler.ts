/**
 * Scheduled reports: every day at the configured local time (07:00 in TZ) yesterday's daily
 * analysis, and on Monday last week's weekly analysis, in each configured language and
 * format, into the reports directory. At start (once the data is ready: history backfilled,
 * aggregates caught up) it makes the latest due ones that are missing, so a gateway that was
 * down at 07:00 catches up. A failed run is retried in ten minutes.
 */
import {
  type DueReport,
  nextReportRun,
  planDueReports,
  reportFileName,
} from '../../live-model/reports/planReports';
import type { ExportFormat, ReportLang, ReportsListResponse } from '../../protocol/reports';
import type { Logger } from '../GatewayContext';
import type { ReportFiles } from './reportFiles';

export interface ScheduleConfig {
  enabled: boolean;
  /** `HH:MM` local time. */
  at: string;
  langs: ReportLang[];
  formats: ExportFormat[];
}

export interface ReportScheduler {
  /** Starts the timer once `dataReady` resolves (runs what is due first). */
  start(dataReady?: Promise<unknown>): void;
  stop(): void;
  /** Makes what is due and missing now; the names made. */
  runDue(): Promise<string[]>;
  status(): ReportsListResponse['schedule'];
}

const RETRY_MS = 10 * 60_000;

export function createReportScheduler(deps: {
  config: ScheduleConfig;
  tz: string;
  now: () => number;
  files: ReportFiles;
  generate(due: DueReport, lang: ReportLang, format: ExportFormat, name: string): Promise<void>;
  logger: Logger;
}): ReportScheduler {
  const { config, tz, now, files, logger } = deps;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let running: Promise<string[]> | null = null;
  let lastRunAt: number | null = null;
  let lastError: string | null = null;
  let nextRunAt: number | null = null;

  async function run(): Promise<string[]> {
    const made: string[] = [];
    lastError = null;
    for (const due of planDueReports(now(), tz, config.at))
      for (const lang of config.langs)
        for (const format of config.formats) {
          const name = reportFileName({ ...due, lang, format });
          if (files.has(name) || stopped) continue;
          try {
            await deps.generate(due, lang, format, name);
            made.push(name);
            logger.info({ name }, 'scheduled report written');
          } catch (err) {
            lastError = `${name}: ${(err as Error).message}`;
            logger.warn({ name, err: (err as Error).message }, 'scheduled report failed');
          }
        }
    lastRunAt = now();
    return made;
  }

  function runDue(): Promise<string[]> {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  }

  function arm() {
    if (stopped) return;
    const t = now();
    const next = nextReportRun(t, tz, config.at);
    const wait = lastError ? Math.min(RETRY_MS, next - t) : next - t;
    nextRunAt = t + wait;
    timer = setTimeout(
      () => {
        void runDue().finally(arm);
      },
      Math.max(1000, wait),
    );
    timer.unref?.();
  }

  return {
    start(dataReady) {
      if (!config.enabled) return;
      void Promise.resolve(dataReady)
        .then(() => (stopped ? [] : runDue()))
        .catch((err: Error) => {
          lastError = err.message;
        })
        .finally(arm);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    runDue,
    status: () => ({
      enabled: config.enabled,
      at: config.at,
      tz,
      nextRunAt: nextRunAt === null ? null : new Date(nextRunAt).toISOString(),
      lastRunAt: lastRunAt === null ? null : new Date(lastRunAt).toISOString(),
      lastError,
      langs: config.langs,
      formats: config.formats,
    }),
  };
}
