/**
 * The feed contract: what cameras, alarms and cases look like when they reach the gateway.
 * Runtime schemas (zod) with the TypeScript types inferred from them. Unknown fields are
 * stripped, never rejected; only values that cannot be right (wrong type, missing id,
 * impossible coordinates or dates) are refused.
 */
import { z } from 'zod';

export const FEED_NAMES = ['cameras', 'alarms', 'cases'] as const;
export const FeedNameSchema = z.enum(FEED_NAMES);
export type FeedName = z.infer<typeof FeedNameSchema>;

/** Where alarms and clues come from (DOMAIN.md: the eight channels). */
export const ALARM_CHANNELS = [
  'video-analytics',
  'police-110',
  'hotline-12345',
  'grid-worker',
  'qr-report',
  'wechat-snapshot',
  'sensor',
  'duty-room',
] as const;
export const AlarmChannelSchema = z.enum(ALARM_CHANNELS);
export type AlarmChannel = z.infer<typeof AlarmChannelSchema>;

export const SEVERITIES = ['red', 'yellow', 'green'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const ALARM_STATES = ['new', 'acknowledged', 'dispatched', 'closed'] as const;
export const AlarmStateSchema = z.enum(ALARM_STATES);
export type AlarmState = z.infer<typeof AlarmStateSchema>;

export const CAMERA_KINDS = ['fixed', 'ptz', 'dome', 'body'] as const;
export const CAMERA_STATUSES = ['online', 'offline', 'fault'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

export const CASE_CATEGORIES = [
  'labour-wages',
  'neighbour',
  'marriage-family',
  'land-forest',
  'construction-payment',
  'consumer',
  'traffic-accident',
  'medical',
  'property-management',
  'other',
] as const;
export const CaseCategorySchema = z.enum(CASE_CATEGORIES);
export type CaseCategory = z.infer<typeof CaseCategorySchema>;

export const CASE_CHANNELS = [
  'one-window',
  'qr-code',
  'hotline-12345',
  'police-110',
  'grid-worker',
  'petition',
  'online',
] as const;

/** The case life cycle (一窗受理 → 分类流转 → 限时办结 → 督导 → 回访), plus the side states. */
export const CASE_STATUSES = [
  'received',
  'triaged',
  'dispatched',
  'in-mediation',
  'resolved',
  'closed',
  'visited',
  'escalated',
  'overdue',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** Statuses after which a case no longer runs against its deadlines. */
export const CASE_DONE_STATUSES: readonly CaseStatus[] = ['resolved', 'closed', 'visited'];

/** Coordinate systems a feed may declare; the gateway converts everything to WGS-84. */
export const CRS_NAMES = ['WGS84', 'GCJ02', 'BD09'] as const;

/** GB/T 28181 device/channel ids are 20 digits; ids are recognised, never required to be. */
export const GB28181_ID = /^\d{20}$/;

const Id = z
  .string()
  .trim()
  .min(1, 'id is empty')
  .max(64, 'id longer than 64 characters')
  .regex(/^[\w.:\-/]+$/u, 'id has characters outside [A-Za-z0-9_.:-/]');
const RefId = Id.optional();
const ShortText = (max: number) => z.string().max(max, `text longer than ${max} characters`);
/** ISO-8601 time; with an offset or Z, or local (then read in the configured TZ). */
export const IsoTimeSchema = z.iso.datetime({ offset: true, local: true });
const Version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Lon = z.number().finite().min(-180).max(180);
const Lat = z.number().finite().min(-90).max(90);

/** Position fields as they travel: numeric lon and lat side by side, optional crs. */
const positionFields = {
  lon: Lon.optional(),
  lat: Lat.optional(),
  crs: z.enum(CRS_NAMES).optional(),
};

function bothOrNeither(v: { lon?: number | undefined; lat?: number | undefined }): boolean {
  return (v.lon === undefined) === (v.lat === undefined);
}
const LON_LAT_PAIR = { message: 'lon and lat must come together', path: ['lon'] };

export const CameraSchema = z
  .object({
    id: Id,
    name: ShortText(80).min(1),
    ...positionFields,
    lon: Lon,
    lat: Lat,
    townshipId: RefId,
    gridId: RefId,
    kind: z.enum(CAMERA_KINDS).default('fixed'),
    heading: z.number().finite().min(0).max(360).optional(),
    fov: z.number().finite().gt(0).max(360).optional(),
    status: z.enum(CAMERA_STATUSES),
    streamUrl: z.string().max(500).optional(),
    source: ShortText(40).default('unknown'),
    groups: z.array(ShortText(40)).max(16).optional(),
    updatedAt: IsoTimeSchema,
  })
  .strip();
export type CameraInput = z.input<typeof CameraSchema>;
export type Camera = z.output<typeof CameraSchema>;

export const AlarmSchema = z
  .object({
    id: Id,
    occurredAt: IsoTimeSchema,
    receivedAt: IsoTimeSchema.optional(),
    channel: AlarmChannelSchema,
    category: ShortText(40).min(1),
    severity: SeveritySchema,
    ...positionFields,
    cameraId: RefId,
    townshipId: RefId,
    gridId: RefId,
    address: ShortText(120).optional(),
    text: ShortText(500).default(''),
    state: AlarmStateSchema.default('new'),
    assignedTo: ShortText(60).optional(),
    version: Version,
  })
  .strip()
  .refine(bothOrNeither, LON_LAT_PAIR)
  .refine((a) => a.lon !== undefined || a.cameraId !== undefined || a.gridId !== undefined, {
    message: 'an alarm needs a place: lon/lat, cameraId or gridId',
    path: ['lon'],
  });
export type AlarmInput = z.input<typeof AlarmSchema>;
export type Alarm = z.output<typeof AlarmSchema>;

export const CaseSchema = z
  .object({
    id: Id,
    category: CaseCategorySchema,
    channel: z.enum(CASE_CHANNELS),
    ...positionFields,
    townshipId: RefId,
    gridId: RefId,
    risk: SeveritySchema,
    status: CaseStatusSchema,
    receivedAt: IsoTimeSchema,
    firstResponseDue: IsoTimeSchema,
    feedbackDue: IsoTimeSchema,
    firstRespondedAt: IsoTimeSchema.optional(),
    resolvedAt: IsoTimeSchema.optional(),
    handlingUnit: ShortText(60).optional(),
    parties: z.array(ShortText(40)).max(20).default([]),
    summary: ShortText(500).default(''),
    satisfaction: z.number().min(0).max(5).optional(),
    repeatOf: RefId,
    version: Version,
  })
  .strip()
  .refine(bothOrNeither, LON_LAT_PAIR);
export type CaseInput = z.input<typeof CaseSchema>;
export type Case = z.output<typeof CaseSchema>;

export const FEED_SCHEMAS = {
  cameras: CameraSchema,
  alarms: AlarmSchema,
  cases: CaseSchema,
} as const;

export type FeedItem = { cameras: Camera; alarms: Alarm; cases: Case };
export type FeedInput = { cameras: CameraInput; alarms: AlarmInput; cases: CaseInput };

/** One line of an NDJSON feed file: `{"feed": "alarms", "data": {...}}`. */
export const FeedLineSchema = z.object({ feed: FeedNameSchema, data: z.unknown() });
export type FeedLine = { [F in FeedName]: { feed: F; data: FeedInput[F] } }[FeedName];

/** A feed's "I am alive" signal: lets a quiet night be told apart from a dead feed. */
export const HeartbeatSchema = z
  .object({
    channel: AlarmChannelSchema.optional(),
    at: IsoTimeSchema.optional(),
    status: z.enum(['alive', 'offline']).default('alive'),
  })
  .strip();
export type Heartbeat = z.output<typeof HeartbeatSchema>;
