/**
 * The simulated district's feed traffic, deterministic from a seed: alarms from the eight
 * channels with a daily rhythm (quiet nights, busy evenings) and occasional bursts, alarms
 * handled by their source systems, cases moving through their life cycle against the 2 h /
 * 48 h deadlines (some breached), repeated 12345 complaints, cameras going offline and back.
 * A generator of time-ordered events; it never reads the clock.
 */
import type { Place, RegionPack } from '../live-model/region/types';
import { createOffsetCache, tzOffsetMinutes } from '../live-model/zonedTime';
import type { AlarmInput, CaseInput, FeedLine, Severity } from '../protocol/schemas';
import { createCameraCatalogue, offsetMeters, type SimCamera } from './createCameraCatalogue';
import { createRandom, type Random } from './createRandom';
import {
  ALARM_KINDS,
  CASE_MIX,
  CASE_SUMMARIES,
  CHANNEL_MIX,
  GIVEN_NAMES,
  HANDLING_UNITS,
  HOURLY_RHYTHM,
  SURNAMES,
} from './districtVocabulary';

const MIN = 60_000;
const HOUR = 60 * MIN;
const PEAK_RHYTHM = Math.max(...HOURLY_RHYTHM);

export interface SimulationOptions {
  seed: number;
  /** Epoch ms at which the simulation starts. */
  startMs: number;
  tz: string;
  /** Average alarms per hour (before the daily rhythm). */
  alarmsPerHour: number;
  casesPerDay: number;
  /** Camera outages per hour across the district. */
  cameraOutagesPerHour: number;
  /** Share of alarm texts and cases that carry unmasked names and phone numbers (the gateway must mask them). */
  personalDataShare: number;
  /**
   * Day-to-day rhythm on top of the hourly one (weekdays, seasons, holidays): a factor on the
   * rate of alarms or cases at an instant, at most `maxRateFactor`. Absent: a flat rate.
   */
  rateFactor?: (ms: number, what: 'alarms' | 'cases') => number;
  maxRateFactor?: number;
  /** Share of cases that are a repeat call about an earlier, still open dispute at the same place. */
  repeatCaseShare?: number;
}

export const DEFAULT_SIMULATION: Omit<SimulationOptions, 'seed' | 'startMs'> = {
  tz: 'Asia/Shanghai',
  alarmsPerHour: 90,
  casesPerDay: 30,
  cameraOutagesPerHour: 4,
  personalDataShare: 0.05,
};

export interface SimEvent {
  atMs: number;
  line: FeedLine;
}

/** An ISO time with the zone's offset, as Chinese platforms send it (2026-11-25T20:13:00+08:00). */
export function isoInZone(
  ms: number,
  tz: string,
  offsetOf: (ms: number) => number = (t) => tzOffsetMinutes(t, tz),
): string {
  const off = offsetOf(ms);
  const local = new Date(Math.round(ms / 1000) * 1000 + off * MIN).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A min-queue of scheduled events, ordered by time then insertion: a binary heap, since an
 * accelerated district (MOCK_RATE in the hundreds a minute) schedules hundreds of thousands.
 */
function createAgenda() {
  type Item = { atMs: number; order: number; make: () => FeedLine | null };
  const heap: Item[] = [];
  let order = 0;
  const before = (a: Item, b: Item) => a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);
  const swap = (i: number, j: number) => {
    const t = heap[i] as Item;
    heap[i] = heap[j] as Item;
    heap[j] = t;
  };
  return {
    add(atMs: number, make: () => FeedLine | null) {
      heap.push({ atMs, order: order++, make });
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!before(heap[i] as Item, heap[parent] as Item)) break;
        swap(i, parent);
        i = parent;
      }
    },
    peek: (): Item | undefined => heap[0],
    shift(): Item | undefined {
      const top = heap[0];
      const last = heap.pop();
      if (heap.length === 0 || !last) return top;
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Item, heap[m] as Item)) m = l;
        if (r < heap.length && before(heap[r] as Item, heap[m] as Item)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
      return top;
    },
  };
}

function personName(random: Random): string {
  return `${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}`;
}

function phone(random: Random): string {
  return `1${random.pick(['38', '39', '58', '77', '86'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A well-formed 18-digit resident ID (GB 11643 check digit) for simulated parties: the gateway must remove it. */
export function idNumber(serial: number): string {
  const birth = `19${String(60 + (serial % 40)).padStart(2, '0')}${String(1 + (serial % 12)).padStart(2, '0')}${String(1 + (serial % 28)).padStart(2, '0')}`;
  const body = `510503${birth}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

export interface District {
  cameras: SimCamera[];
  events: Generator<SimEvent, never>;
}

/**
 * Creates the district: its camera catalogue and an endless, time-ordered event stream
 * starting at `startMs`.
 * @example const { cameras, events } = simulateDistrict(pack, { ...DEFAULT_SIMULATION, seed: 1, startMs });
 */
export function simulateDistrict(pack: RegionPack, options: SimulationOptions): District {
  const random = createRandom(options.seed);
  const offsetOf = createOffsetCache(options.tz);
  const iso = (ms: number) => isoInZone(ms, options.tz, offsetOf);
  const cameras = createCameraCatalogue(pack, random, iso(options.startMs - HOUR));
  return { cameras, events: generateEvents(pack, cameras, options, random, iso) };
}

function* generateEvents(
  pack: RegionPack,
  cameras: SimCamera[],
  options: SimulationOptions,
  random: Random,
  iso: (ms: number) => string,
): Generator<SimEvent, never> {
  const agenda = createAgenda();
  const places = pack.places;
  const busyPlaces = places.filter((p) => p.kind !== 'village');
  const camerasByPlace = new Map<string, SimCamera[]>();
  for (const c of cameras) {
    const list = camerasByPlace.get(c.placeId) ?? [];
    list.push(c);
    camerasByPlace.set(c.placeId, list);
  }
  const placeWithCameras = busyPlaces.filter((p) => camerasByPlace.has(p.id));
  let alarmSerial = 0;
  let caseSerial = 0;
  const hotspots: { place: Place; until: number }[] = [];

  const peakAlarmGap =
    HOUR / (options.alarmsPerHour * PEAK_RHYTHM * (options.rateFactor ? (options.maxRateFactor ?? 2) : 1));
  let nextAlarm = options.startMs + 1000;
  const caseGap = (24 * HOUR) / Math.max(options.casesPerDay, 0.001);
  // The first case and alarm come at once so that every feed shows up early.
  let nextCase = options.startMs;
  const outageGap = HOUR / Math.max(options.cameraOutagesPerHour, 0.001);
  let nextOutage = options.startMs + random.exponential(outageGap);

  const offsetOf = createOffsetCache(options.tz);
  const rhythmAt = (ms: number) => HOURLY_RHYTHM[new Date(ms + offsetOf(ms) * 60_000).getUTCHours()] ?? 1;
  const maxFactor = options.rateFactor ? (options.maxRateFactor ?? 2) : 1;
  const factorAt = (ms: number, what: 'alarms' | 'cases') =>
    options.rateFactor ? Math.min(maxFactor, options.rateFactor(ms, what)) : 1;
  const recentCases: { id: string; place: Place; category: CaseInput['category']; until: number }[] = [];

  function scheduleAlarm(atMs: number): void {
    const channel = random.weighted(CHANNEL_MIX);
    const kind = random.pick(ALARM_KINDS[channel]);
    let place =
      channel === 'video-analytics'
        ? random.pick(placeWithCameras)
        : random.pick(random.chance(0.6) ? busyPlaces : places);
    let category = kind.category;
    let text = kind.text;
    let severity: Severity = random.weighted(kind.severity);
    // Repeated 12345 complaints about the same building mark a repeat hotspot.
    const hot = hotspots.find((h) => h.until > atMs);
    if (channel === 'hotline-12345' && hot && random.chance(0.5)) {
      place = hot.place;
      category = '噪音扰民';
      text = `12345 来电：${place.name}附近夜间噪音扰民（重复投诉）`;
      severity = 'yellow';
    } else if (channel === 'hotline-12345' && random.chance(0.03)) {
      hotspots.push({ place, until: atMs + 6 * HOUR });
    }
    const camera =
      channel === 'video-analytics' ? random.pick(camerasByPlace.get(place.id) ?? []) : undefined;
    const [lon, lat] = offsetMeters(place.lon, place.lat, random.int(-250, 250), random.int(-250, 250));
    if (random.chance(options.personalDataShare))
      text = `${text}，报警人${personName(random)}，电话${phone(random)}`;
    alarmSerial++;
    const id = `ALM-${String(options.seed).slice(-4)}-${String(alarmSerial).padStart(7, '0')}`;
    const base: AlarmInput = {
      id,
      occurredAt: iso(atMs),
      channel,
      category,
      severity,
      ...(camera ? { cameraId: camera.id, lon: camera.lon, lat: camera.lat } : { lon, lat }),
      address: place.name,
      text,
      state: 'new',
      version: 1,
    };
    agenda.add(atMs, () => ({ feed: 'alarms', data: base }));
    // The source systems handle their alarms: acknowledged, dispatched, closed.
    const ackAt = atMs + random.exponential(severity === 'red' ? 12 * MIN : 6 * MIN) + MIN;
    const dispatchAt = ackAt + random.exponential(10 * MIN) + MIN;
    const closeAt = dispatchAt + random.exponential(50 * MIN) + 5 * MIN;
    const unit = random.pick(HANDLING_UNITS);
    agenda.add(ackAt, () => ({ feed: 'alarms', data: { ...base, state: 'acknowledged', version: 2 } }));
    agenda.add(dispatchAt, () => ({
      feed: 'alarms',
      data: { ...base, state: 'dispatched', assignedTo: unit, version: 3 },
    }));
    agenda.add(closeAt, () => ({
      feed: 'alarms',
      data: { ...base, state: 'closed', assignedTo: unit, version: 4 },
    }));
  }

  function scheduleCase(atMs: number): void {
    caseSerial++;
    let category = random.weighted(CASE_MIX);
    let place = random.pick(places);
    let repeatOf: string | undefined;
    if (options.repeatCaseShare) {
      while (recentCases.length > 0 && (recentCases[0] as { until: number }).until < atMs)
        recentCases.shift();
      if (recentCases.length > 0 && random.chance(options.repeatCaseShare)) {
        const earlier = random.pick(recentCases);
        ({ place, category } = earlier);
        repeatOf = earlier.id;
      }
    }
    const [lon, lat] = offsetMeters(place.lon, place.lat, random.int(-300, 300), random.int(-300, 300));
    const parties = [personName(random), personName(random)];
    const withPersonal = random.chance(options.personalDataShare * 4);
    // Every other such case also quotes an ID number (derived, so the random stream is unchanged).
    const summary = withPersonal
      ? `${parties[0]}反映：${CASE_SUMMARIES[category]}，联系电话${phone(random)}${caseSerial % 2 === 0 ? `，身份证号${idNumber(caseSerial)}` : ''}`
      : CASE_SUMMARIES[category];
    const risk = random.weighted([
      ['green', 62],
      ['yellow', 30],
      ['red', 8],
    ] as const);
    const base: CaseInput = {
      id: `CASE-${String(options.seed).slice(-4)}-${String(caseSerial).padStart(6, '0')}`,
      category,
      channel: random.weighted([
        ['one-window', 30],
        ['qr-code', 20],
        ['hotline-12345', 20],
        ['grid-worker', 15],
        ['police-110', 8],
        ['petition', 4],
        ['online', 3],
      ] as const),
      lon,
      lat,
      townshipId: place.townshipId,
      gridId: place.gridId,
      risk,
      status: 'received',
      receivedAt: iso(atMs),
      firstResponseDue: iso(atMs + 2 * HOUR),
      feedbackDue: iso(atMs + 48 * HOUR),
      parties,
      summary,
      ...(repeatOf ? { repeatOf } : {}),
      version: 1,
    };
    if (options.repeatCaseShare) recentCases.push({ id: base.id, place, category, until: atMs + 72 * HOUR });
    let version = 1;
    let state: CaseInput = base;
    const step = (at: number, patch: Partial<CaseInput>) => {
      agenda.add(at, () => {
        version++;
        state = { ...state, ...patch, version };
        return { feed: 'cases', data: state };
      });
    };
    agenda.add(atMs, () => ({ feed: 'cases', data: base }));
    const triageAt = atMs + random.next() * 2.6 * HOUR + 10 * MIN;
    step(triageAt, {
      status: 'triaged',
      firstRespondedAt: iso(triageAt),
      handlingUnit: random.pick(HANDLING_UNITS),
    });
    const dispatchAt = triageAt + random.next() * 4 * HOUR + 10 * MIN;
    step(dispatchAt, { status: 'dispatched' });
    const mediationAt = dispatchAt + random.next() * 10 * HOUR + 20 * MIN;
    step(mediationAt, { status: risk === 'red' && random.chance(0.4) ? 'escalated' : 'in-mediation' });
    const resolveAt = Math.max(mediationAt + 30 * MIN, atMs + (6 + random.next() * 50) * HOUR);
    if (resolveAt > atMs + 48 * HOUR) step(atMs + 48 * HOUR + MIN, { status: 'overdue' });
    step(resolveAt, { status: 'resolved', resolvedAt: iso(resolveAt) });
    const closeAt = resolveAt + random.next() * 12 * HOUR + 30 * MIN;
    step(closeAt, { status: 'closed' });
    step(closeAt + (1 + random.next() * 2) * 24 * HOUR, {
      status: 'visited',
      satisfaction: random.weighted([
        [5, 70],
        [4, 22],
        [3, 6],
        [2, 2],
      ] as const),
    });
  }

  function scheduleOutage(atMs: number): void {
    const camera = random.pick(cameras);
    const downFor = random.exponential(20 * MIN) + 3 * MIN;
    const status = random.chance(0.8) ? 'offline' : 'fault';
    agenda.add(atMs, () => ({
      feed: 'cameras',
      data: { ...withoutPlace(camera), status, updatedAt: iso(atMs) },
    }));
    agenda.add(atMs + downFor, () => ({
      feed: 'cameras',
      data: { ...withoutPlace(camera), status: 'online', updatedAt: iso(atMs + downFor) },
    }));
  }

  for (;;) {
    const horizon = Math.min(nextAlarm, nextCase, nextOutage);
    const due = agenda.peek();
    if (due && due.atMs <= horizon) {
      agenda.shift();
      const line = due.make();
      if (line) yield { atMs: due.atMs, line };
      continue;
    }
    if (horizon === nextAlarm) {
      // Thinning: candidates at the peak rate, kept in proportion to the hour's rhythm.
      if (random.next() < (rhythmAt(nextAlarm) * factorAt(nextAlarm, 'alarms')) / (PEAK_RHYTHM * maxFactor)) {
        scheduleAlarm(nextAlarm);
        // An occasional burst: several reports of one incident within minutes.
        if (random.chance(0.01))
          for (let i = 1; i <= random.int(3, 8); i++) scheduleAlarm(nextAlarm + i * random.int(5, 60) * 1000);
      }
      nextAlarm += random.exponential(peakAlarmGap);
    } else if (horizon === nextCase) {
      scheduleCase(nextCase);
      nextCase += random.exponential(caseGap / Math.max(factorAt(nextCase, 'cases'), 0.05));
    } else {
      scheduleOutage(nextOutage);
      nextOutage += random.exponential(outageGap);
    }
  }
}

/** The camera record as the platform sends it (the simulator's place link stripped). */
export function withoutPlace(camera: SimCamera): Omit<SimCamera, 'placeId'> {
  const { placeId: _placeId, ...rest } = camera;
  return rest;
}
