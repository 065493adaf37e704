/**
 * Turns one untrusted feed object into a record for the log: validate (reject only what
 * cannot be right), normalise (UTC times, WGS-84 positions, grid lookup), flag what is
 * doubtful, mask personal data. Never throws.
 */
import gcoord from 'gcoord';
import { localToEpoch } from '../../live-model/zonedTime';
import type { AlarmRecord, CameraRecord, CaseRecord, Flag, LiveModel } from '../../protocol/liveModel';
import { FEED_SCHEMAS, type FeedName } from '../../protocol/schemas';
import { maskName, maskText } from './maskPersonalData';

/** What parsing needs to know about the district (a region pack index). */
export interface PlaceLookup {
  locate(lon: number, lat: number): { townshipId: string; gridId: string } | null;
  hasGrid(gridId: string): boolean;
  /** The township a known grid belongs to (lets a grid-only item count in its township's risk). */
  townshipOfGrid?(gridId: string): string | undefined;
}

export interface ParseContext {
  /** Receive time, epoch ms (the gateway's clock, read at the edge). */
  nowMs: number;
  tz: string;
  places: PlaceLookup | null;
  model: Pick<LiveModel, 'cameras'>;
}

export type FeedRecord = { cameras: CameraRecord; alarms: AlarmRecord; cases: CaseRecord };

export type ParseResult<F extends FeedName> =
  | {
      ok: true;
      record: FeedRecord[F];
      /** How many names, phone and ID numbers were masked, in all and per field. */
      masked: number;
      maskedFields: Record<string, number>;
    }
  | { ok: false; reason: string };

const TIME_FIELDS = [
  'updatedAt',
  'occurredAt',
  'receivedAt',
  'firstResponseDue',
  'feedbackDue',
  'firstRespondedAt',
  'resolvedAt',
] as const;
const PAST_LIMIT_MS = 24 * 3_600_000;
const FUTURE_LIMIT_MS = 5 * 60_000;

function toUtcIso(value: string, tz: string, flags: Set<Flag>): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  if (hasZone) return new Date(value).toISOString();
  flags.add('local-time');
  return new Date(localToEpoch(value, tz)).toISOString();
}

function describeIssue(
  feed: FeedName,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
): string {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(item)';
  return `${feed}: ${path}: ${issue?.message ?? 'invalid'}`;
}

/**
 * Validates and normalises one feed item.
 * @example parseFeedItem('alarms', { id: 'a1', ... }, ctx) // { ok: true, record, masked: 0 }
 */
export function parseFeedItem<F extends FeedName>(feed: F, raw: unknown, ctx: ParseContext): ParseResult<F> {
  const parsed = FEED_SCHEMAS[feed].safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssue(feed, parsed.error) };
  const flags = new Set<Flag>();
  const item = { ...parsed.data } as Record<string, unknown> & { lon?: number; lat?: number; crs?: string };

  for (const field of TIME_FIELDS) {
    const v = item[field];
    if (typeof v === 'string') item[field] = toUtcIso(v, ctx.tz, flags);
  }

  if (item.lon !== undefined && item.lat !== undefined && item.crs && item.crs !== 'WGS84') {
    const [lon, lat] = gcoord.transform(
      [item.lon, item.lat],
      item.crs === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09,
      gcoord.WGS84,
    );
    item.lon = Math.round(lon * 1e6) / 1e6;
    item.lat = Math.round(lat * 1e6) / 1e6;
    flags.add('converted-crs');
  }
  delete item.crs;

  if (feed === 'alarms') {
    item.receivedAt ??= new Date(ctx.nowMs).toISOString();
    const cameraId = item.cameraId as string | undefined;
    const camera = cameraId ? ctx.model.cameras[cameraId] : undefined;
    if (cameraId && !camera) flags.add('unknown-camera');
    if (item.lon === undefined && camera) {
      item.lon = camera.lon;
      item.lat = camera.lat;
    }
  }

  placeInDistrict(item, ctx.places, flags);

  const eventTime = (item.occurredAt ?? item.receivedAt ?? item.updatedAt) as string | undefined;
  if (eventTime && feed !== 'cameras') {
    const t = Date.parse(eventTime);
    if (t < ctx.nowMs - PAST_LIMIT_MS && feed === 'alarms') flags.add('past-dated');
    if (t > ctx.nowMs + FUTURE_LIMIT_MS) flags.add('future-dated');
  }

  const maskedFields = maskFields(item);
  const masked = Object.values(maskedFields).reduce((a, b) => a + b, 0);
  if (masked > 0) flags.add('masked');
  return {
    ok: true,
    record: { ...item, flags: [...flags] } as unknown as FeedRecord[F],
    masked,
    maskedFields,
  };
}

function placeInDistrict(
  item: Record<string, unknown> & { lon?: number; lat?: number },
  places: PlaceLookup | null,
  flags: Set<Flag>,
): void {
  if (!places) return;
  const gridId = item.gridId as string | undefined;
  if (gridId !== undefined && !places.hasGrid(gridId)) flags.add('unknown-grid');
  else if (gridId !== undefined && item.townshipId === undefined) {
    const townshipId = places.townshipOfGrid?.(gridId);
    if (townshipId !== undefined) item.townshipId = townshipId;
  }
  if (item.lon === undefined || item.lat === undefined) return;
  const found = places.locate(item.lon, item.lat);
  if (!found) {
    flags.add('outside-district');
    return;
  }
  if (gridId === undefined) item.gridId = found.gridId;
  item.townshipId ??= found.townshipId;
}

/** Free-text fields a feed may fill with whatever its operators typed (never ids). */
const TEXT_FIELDS = ['text', 'summary', 'address', 'category', 'assignedTo', 'handlingUnit', 'name'] as const;

function maskFields(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  const parties = Array.isArray(item.parties) ? (item.parties as string[]) : [];
  for (const field of TEXT_FIELDS) {
    const v = item[field];
    if (typeof v !== 'string' || v === '') continue;
    const r = maskText(v, parties);
    item[field] = r.text;
    if (r.count > 0) counts[field] = r.count;
  }
  if (Array.isArray(item.groups)) {
    item.groups = (item.groups as string[]).map((g) => {
      const r = maskText(g);
      if (r.count > 0) counts.groups = (counts.groups ?? 0) + r.count;
      return r.text;
    });
  }
  if (parties.length > 0) {
    let n = 0;
    item.parties = parties.map((p) => {
      const m = maskName(p);
      if (m !== p.trim()) n++;
      return m;
    });
    if (n > 0) counts.parties = n;
  }
  return counts;
}
