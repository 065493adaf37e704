/**
 * The scenario file format (mock-feeds/scenarios/*.json, documented in docs/scenarios.md):
 * feed events, outages, operator actions and wall changes on a timeline, played against a
 * running gateway through its public APIs, compressed in time.
 */
import { z } from 'zod';
import { ALARM_CHANNELS, FEED_NAMES } from '../../protocol/schemas';

/** Scenario time: "MM:SS" or "H:MM:SS" after the start (story time, before compression). */
const Offset = z.string().regex(/^(\d+:)?\d{1,2}:\d{2}$/, 'use MM:SS or H:MM:SS');
const Role = z.enum(['feed', 'officer-1', 'officer-2', 'leader', 'admin']);

const base = { at: Offset, say: z.string().max(200).optional() };

export const ScenarioStepSchema = z.discriminatedUnion('do', [
  /** Send feed items; string values "@now" or "@now±H:MM:SS" become real times; `near` places them. */
  z.object({
    ...base,
    do: z.literal('feed'),
    feed: z.enum(FEED_NAMES),
    via: z.enum(['http', 'mqtt']).default('http'),
    data: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]),
  }),
  /** Stop (or resume) a feed's or channel's heartbeats: a dead source, as the wall must notice. */
  z.object({
    ...base,
    do: z.literal('silence'),
    feed: z.enum(FEED_NAMES),
    channel: z.enum(ALARM_CHANNELS).optional(),
    for: Offset,
  }),
  /** Call the gateway's API as a role (console actions, drills…); `expect` is the HTTP status. */
  z.object({
    ...base,
    do: z.literal('http'),
    as: Role,
    method: z.enum(['GET', 'POST', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    body: z.unknown().optional(),
    expect: z.number().int().optional(),
    console: z.string().max(40).optional(),
  }),
  /** Change the wall's shared view (period, focus) as a screen or an officer would. */
  z.object({
    ...base,
    do: z.literal('view'),
    as: Role,
    wall: z.string().default('hall-1'),
    patch: z.record(z.string(), z.unknown()),
  }),
  /** Thousands of alarms across the district within a short time. */
  z.object({
    ...base,
    do: z.literal('storm'),
    count: z.number().int().min(1).max(100_000),
    over: Offset,
    redShare: z.number().min(0).max(1).default(0.02),
    seed: z.number().int().default(7),
  }),
  /** Nothing but wait (a quiet stretch): the runner keeps its heartbeats. */
  z.object({ ...base, do: z.literal('wait') }),
]);
export type ScenarioStep = z.output<typeof ScenarioStepSchema>;

export const ScenarioSchema = z.object({
  name: z.string().regex(/^[a-z][\w-]{0,40}$/),
  title: z.string().min(1).max(80),
  description: z.string().max(2000).default(''),
  /** Default time compression: 60 plays an hour of story in a minute. */
  speed: z.number().min(0.1).max(100_000).default(60),
  /** Run as a drill: items marked end to end, a drill banner on every screen, statistics untouched. */
  drill: z.boolean().default(false),
  steps: z.array(ScenarioStepSchema).min(1),
});
export type Scenario = z.output<typeof ScenarioSchema>;

/** "1:02:03" → 3723 s. */
export function offsetSeconds(offset: string): number {
  return offset.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

export function parseScenario(
  json: unknown,
  label: string,
): { ok: true; scenario: Scenario } | { ok: false; reason: string } {
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `${label}: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const steps = parsed.data.steps;
  for (let i = 1; i < steps.length; i++) {
    if (offsetSeconds((steps[i] as ScenarioStep).at) < offsetSeconds((steps[i - 1] as ScenarioStep).at)) {
      return { ok: false, reason: `${label}: steps.${i}.at: steps must be in time order` };
    }
  }
  return { ok: true, scenario: parsed.data };
}
