/**
 * The trends contract: aggregate measures, the peace-index configuration and what the
 * trends and replay APIs answer. History travels over HTTP; the socket carries only the
 * live model.
 */
import { z } from 'zod';
import type { LiveModel } from './liveModel';
import type { Envelope } from './log';
import { ALARM_CHANNELS, CASE_CHANNELS } from './schemas';

/**
 * What the aggregates count, per area, category and hour/day. `alarms.<channel>` and
 * `cases.<channel>` split alarms and cases by where they came from.
 */
export const MEASURES = [
  'alarms',
  'redAlarms',
  'criminal',
  'publicOrder',
  'cases',
  'repeatCases',
  'responded',
  'respondedOnTime',
  'resolved',
  'resolvedOnTime',
  'breached',
  'satisfactionSum',
  'satisfactionCount',
  ...ALARM_CHANNELS.map((c) => `alarms.${c}` as const),
  ...CASE_CHANNELS.map((c) => `cases.${c}` as const),
] as const;
export type Measure = (typeof MEASURES)[number];
export type Counts = Record<Measure, number>;

export const GRANULARITIES = ['hour', 'day', 'week'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const MeasureSchema = z.enum(MEASURES);
const LabelSchema = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/**
 * One component of the peace index: value = Σnumerator / Σdenominator (or per
 * `perResidents` residents per day), scored linearly from `bad` (0) to `good` (100).
 */
export const PeaceComponentSchema = z
  .object({
    key: z.string().regex(/^[a-zA-Z][\w-]{0,39}$/),
    label: LabelSchema,
    weight: z.number().min(0).max(1000),
    numerator: z.array(MeasureSchema).min(1),
    denominator: z.union([z.literal('residents'), z.array(MeasureSchema).min(1)]),
    good: z.number().finite(),
    bad: z.number().finite(),
  })
  .refine((c) => c.good !== c.bad, { message: 'good and bad must differ', path: ['good'] });
export type PeaceComponentSpec = z.infer<typeof PeaceComponentSchema>;

export const PeaceIndexConfigSchema = z.object({
  /** Rates are per this many residents per day. */
  perResidents: z.number().positive(),
  components: z.array(PeaceComponentSchema).min(1),
  /** Alarm categories that count as criminal or public-order incidents. */
  categoryClasses: z.object({ criminal: z.array(z.string()), publicOrder: z.array(z.string()) }),
  /** Score below which an area shows red, and yellow (rankings, badges). */
  bands: z.object({ red: z.number().min(0).max(100), yellow: z.number().min(0).max(100) }),
});
export type PeaceIndexConfig = z.infer<typeof PeaceIndexConfigSchema>;

export interface PeaceComponent {
  key: string;
  /** The input (a rate per 10,000 residents per day, a share 0–1, or a mean); null without data. */
  value: number | null;
  /** 0–100, null without data. */
  score: number | null;
  weight: number;
  /** Points this component adds to the index (its weighted share of 100). */
  points: number;
}

export interface PeaceIndexResult {
  /** 0–100 with one decimal; null when no component has data. */
  index: number | null;
  components: PeaceComponent[];
}

export interface TrendPoint {
  /** Bucket label in TZ: `YYYY-MM-DD` (day, week starting Monday) or `YYYY-MM-DDTHH` (hour). */
  t: string;
  peaceIndex: number | null;
  components: PeaceComponent[] | null;
  counts: Counts;
}

export interface TrendsResponse {
  from: string;
  to: string;
  granularity: Granularity;
  area: string;
  category: string;
  tz: string;
  points: TrendPoint[];
}

/** Totals of a period with the index, for one side of a comparison. */
export interface PeriodFigures {
  firstDay: string;
  lastDay: string;
  /** Share of the period that has happened (1 for past periods). */
  elapsed: number;
  peaceIndex: number | null;
  components: PeaceComponent[] | null;
  counts: Counts;
}

export interface SummaryResponse {
  range: string;
  area: string;
  current: PeriodFigures;
  /** 环比: the period just before, cut at the same elapsed time when the period is running. */
  previous: PeriodFigures;
  /** 同比: the same period a year earlier. */
  lastYear: PeriodFigures;
}

export interface AreaFigures {
  id: string;
  peaceIndex: number | null;
  components: PeaceComponent[] | null;
  counts: Counts;
  previous: { peaceIndex: number | null; counts: Counts };
}

export interface AreasResponse {
  range: string;
  level: 'township' | 'grid';
  areas: AreaFigures[];
}

export interface CategoryFigures {
  category: string;
  alarms: number;
  cases: number;
  previousAlarms: number;
  previousCases: number;
}

export interface CategoriesResponse {
  range: string;
  area: string;
  categories: CategoryFigures[];
}

/** A day to replay: the model at the day's start and where its events are in the log. */
export interface ReplayDayResponse {
  day: string;
  fromMs: number;
  toMs: number;
  /** The model as it was when the day began (the checkpoint), and its log position. */
  seq: number;
  model: LiveModel;
}

export interface ReplayEventsResponse {
  day: string;
  events: Envelope[];
  /** Pass as `after` for the next page; null when the day has no more events. */
  next: number | null;
}
