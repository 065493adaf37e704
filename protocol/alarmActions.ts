/**
 * What a duty officer can do with an alarm at the console, as it travels to the gateway
 * (`POST /api/alarms/:id/actions`), and the answer. Every command names the handling
 * revision the console saw; see docs/console.md for how actions and source updates order.
 */
import { z } from 'zod';
import type { Actor, AlarmRecord } from './liveModel';

export const ALARM_ACTIONS = ['acknowledge', 'assign', 'escalate', 'close'] as const;
export type AlarmActionName = (typeof ALARM_ACTIONS)[number];

/**
 * The handling revision the console saw. Consoles always send it; a script may leave it
 * out, and then only the action's own checks apply (already acknowledged, closed…).
 */
const Revision = z.number().int().min(0).max(1_000_000).optional();
/** Free text typed by an officer: trimmed, no control characters. */
const OfficerText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `needs at least ${min} characters`)
    .max(max, `longer than ${max} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'contains control characters');

export const AlarmCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), expectedRevision: Revision }).strict(),
  z.object({ action: z.literal('assign'), expectedRevision: Revision, unit: OfficerText(1, 60) }).strict(),
  z
    .object({
      action: z.literal('escalate'),
      expectedRevision: Revision,
      reason: OfficerText(1, 200).optional(),
    })
    .strict(),
  z.object({ action: z.literal('close'), expectedRevision: Revision, note: OfficerText(2, 500) }).strict(),
]);
export type AlarmCommand = z.infer<typeof AlarmCommandSchema>;

/** Why an action was not applied; the console words it from the code and the fields. */
export const CONFLICT_CODES = [
  'not-found',
  'already-acknowledged',
  'already-assigned',
  'already-escalated',
  'already-closed',
  /** Someone else acted on the alarm since this console looked (a newer revision). */
  'changed',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

export interface ActionConflict {
  code: ConflictCode;
  /** Who got there first: an officer, or null when the alarm's source system did. */
  by: Actor | null;
  /** When (ISO, UTC); null when not known. */
  at: string | null;
  /** The alarm's source channel, when the source system did it. */
  source?: string;
  /** For `changed` and `already-assigned`: which action came first, and its unit. */
  action?: AlarmActionName;
  unit?: string;
}

export type AlarmActionAnswer =
  | { ok: true; alarm: AlarmRecord; seq: number; auditId: number }
  | { ok: false; reason: string; conflict?: ActionConflict; alarm?: AlarmRecord; auditId?: number };
