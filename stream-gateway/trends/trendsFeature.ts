/**
 * The trends feature: keeps the aggregates folded from the log and serves them.
 *   GET /api/trends?from&to|range&granularity=hour|day|week&area=&category=&compare=1
 *   GET /api/trends/summary?range&area[&until]  totals with 环比 and 同比 (as they stood at `until`)
 *   GET /api/trends/areas?range&level=township|grid
 *   GET /api/trends/categories?range&area
 *   GET /api/trends/config                 the peace-index configuration (labels, weights, bands)
 *   POST /api/trends/rebuild               (admin) fold the whole log again
 */
import type { PeaceIndexConfig } from '../../protocol/trends';
import type { SharedWriter } from '../cluster/whileOwner';
import type { FeatureFactory, GatewayFeature } from '../GatewayContext';
import { sendJson } from '../http/router';
import type { AggregateStore } from './AggregateStore';
import { createTrendAggregator, type TrendAggregator } from './createTrendAggregator';
import { createTrendQueries, type TrendQueries } from './createTrendQueries';
import { parseArea, parsePeriod, parseTrendsQuery, type QueryEnv } from './parseTrendsQuery';

export interface TrendsFeatureOptions {
  aggregates: AggregateStore;
  config: PeaceIndexConfig;
  hourDays?: number;
  /** Aggregates shared with other gateways (a cluster on PostgreSQL): only the writer folds (see createTrendAggregator). */
  writer?: SharedWriter;
}

export type TrendsFeature = GatewayFeature & { aggregator: TrendAggregator; queries: TrendQueries };

export function trendsFeature(options: TrendsFeatureOptions): FeatureFactory {
  return (ctx): TrendsFeature => {
    const aggregator = createTrendAggregator({
      aggregates: options.aggregates,
      pipeline: ctx.pipeline,
      store: ctx.store,
      classes: options.config.categoryClasses,
      tz: ctx.tz,
      now: ctx.now,
      logger: ctx.logger,
      ...(options.hourDays ? { hourDays: options.hourDays } : {}),
      ...(options.writer ? { writer: options.writer } : {}),
    });
    const queries = createTrendQueries({
      aggregates: options.aggregates,
      config: options.config,
      pack: ctx.regionPack,
      tz: ctx.tz,
      now: ctx.now,
    });
    const env = (): QueryEnv => ({ nowMs: ctx.now(), tz: ctx.tz, areaKey: queries.areaKey });

    ctx.router
      .add('GET', '/api/trends', 'read', async ({ res, url }) => {
        const q = parseTrendsQuery(url.searchParams, env());
        if (!q.ok) return sendJson(res, 400, { error: q.reason });
        sendJson(res, 200, await queries.trends(q.value));
      })
      .add('GET', '/api/trends/summary', 'read', async ({ res, url }) => {
        const period = parsePeriod(url.searchParams, env(), 'today');
        if (!period.ok) return sendJson(res, 400, { error: period.reason });
        const area = parseArea(url.searchParams, env());
        if (!area.ok) return sendJson(res, 400, { error: area.reason });
        const until = url.searchParams.get('until');
        const untilMs = until === null ? undefined : Date.parse(until);
        if (untilMs !== undefined && Number.isNaN(untilMs))
          return sendJson(res, 400, { error: 'until must be an ISO time' });
        sendJson(res, 200, await queries.summary(period.value, area.value, untilMs));
      })
      .add('GET', '/api/trends/areas', 'read', async ({ res, url }) => {
        const period = parsePeriod(url.searchParams, env(), 'last-7-days');
        if (!period.ok) return sendJson(res, 400, { error: period.reason });
        const level = url.searchParams.get('level') ?? 'township';
        if (level !== 'township' && level !== 'grid')
          return sendJson(res, 400, { error: 'level must be township or grid' });
        sendJson(res, 200, await queries.areas(period.value, level));
      })
      .add('GET', '/api/trends/categories', 'read', async ({ res, url }) => {
        const period = parsePeriod(url.searchParams, env(), 'last-7-days');
        if (!period.ok) return sendJson(res, 400, { error: period.reason });
        const area = parseArea(url.searchParams, env());
        if (!area.ok) return sendJson(res, 400, { error: area.reason });
        if (area.value.startsWith('g:'))
          return sendJson(res, 400, {
            error: 'categories are kept for the district and townships, not for grids',
          });
        sendJson(res, 200, await queries.categories(period.value, area.value));
      })
      .add('GET', '/api/trends/config', 'read', ({ res }) => sendJson(res, 200, options.config))
      .add('POST', '/api/trends/rebuild', 'admin', async ({ req, res }) => {
        req.resume();
        // A compacted log (docs/reliability.md) no longer holds the old days the rows were folded from.
        const first = (await ctx.store.read(1, 1))[0];
        if (first && first.seq > 1)
          return sendJson(res, 409, {
            error: `the log was compacted (it starts at seq ${first.seq}): rebuilding would lose the older days`,
          });
        if (aggregator.health().state === 'following')
          return sendJson(res, 409, {
            error: 'another gateway writes the trend aggregates (the ingest owner)',
          });
        const started = Date.now();
        const { events } = await aggregator.rebuild();
        sendJson(res, 200, { events, ms: Date.now() - started });
      });

    return {
      name: 'trends',
      aggregator,
      queries,
      health: () => aggregator.health(),
      stop: async () => {
        aggregator.stop();
        await aggregator.settled().catch(() => undefined);
      },
    };
  };
}
