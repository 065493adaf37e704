/**
 * The map's data, kept incrementally from the live model's changes: stable rows for the
 * incident and camera layers, the pulsing alarms, the breached cases, the risk states to
 * paint, and the data-quality list. No DOM and no WebGL here, so it is unit-tested in Node;
 * the controller turns a snapshot of it into layers.
 */

import type { LonLat, RegionPack } from '../../../../live-model/region/types';
import type { AlarmRecord, CameraRecord, CaseRecord, LiveModel } from '../../../../protocol/liveModel';
import type { Change } from '../../../../protocol/messages';
import type { AreaRisk, RiskLevel } from '../../../../protocol/risk';
import { CASE_DONE_STATUSES, type Severity } from '../../../../protocol/schemas';
import { createSlotTable, type SlotTable } from './createSlotTable';
import type { CameraRow, IncidentRow } from './incidentStyle';
import { createRegionGeometry, type RegionGeometry } from './regionGeometry';
import { type PlacementProblem, resolvePlacement } from './resolvePlacement';

export interface PulseRow {
  id: string;
  position: LonLat;
  severity: Severity;
  startMs: number;
}

export interface HaloRow {
  id: string;
  position: LonLat;
}

export interface DataQualityItem {
  kind: 'alarm' | 'case' | 'camera';
  id: string;
  problem: PlacementProblem;
  /** What the item is (category or camera name), shown as text. */
  label: string;
}

export interface RiskStateChange {
  source: 'grids' | 'townships';
  areaId: string;
  level: RiskLevel | null;
}

export interface MapDataOptions {
  /** How long a new alarm pulses unless acknowledged earlier. */
  pulseMs?: number;
  /** At most this many pulse at once (the newest); more would draw the eye nowhere. */
  maxPulses?: number;
}

export interface MapData {
  readonly region: RegionGeometry;
  readonly incidents: SlotTable<IncidentRow>;
  readonly cameras: SlotTable<CameraRow>;
  /** Rebuilds everything from a full model (snapshot, resync). */
  reset(model: LiveModel, nowMs: number): void;
  /** Applies the changes of one delta; `model` is the model after it. */
  apply(model: LiveModel, changes: readonly Change[], nowMs: number): void;
  /** Time moved on: pulses end, cases breach, ages change (call every second). */
  refresh(nowMs: number): void;
  /** The pulsing alarms, newest first (a new array only when they changed). */
  pulses(): readonly PulseRow[];
  /** Open cases past their deadline (a new array only when they changed). */
  halos(): readonly HaloRow[];
  dataQuality(): readonly DataQualityItem[];
  /** Risk records as last applied. */
  risk(): Readonly<Record<string, AreaRisk>>;
  /** Increases whenever a risk record changed (labels, hotspots). */
  readonly riskVersion: number;
  /** Feature-state changes to paint since the last call; `null` after a reset: repaint all. */
  takeRiskStates(): RiskStateChange[] | null;
  /** Red alarms that arrived (new, unacknowledged) since the last call: auto-focus flies to them. */
  takeNewRedAlarms(): string[];
  /** Ids of everything that has a place: for focus and fly-to. */
  positionOf(kind: 'alarm' | 'case' | 'camera', id: string): LonLat | undefined;
}

const MINUTE = 60_000;
const newestFirst = (a: PulseRow, b: PulseRow) => b.startMs - a.startMs || (a.id < b.id ? -1 : 1);

export function createMapData(pack: RegionPack, options: MapDataOptions = {}): MapData {
  const pulseMs = options.pulseMs ?? 3 * MINUTE;
  const maxPulses = options.maxPulses ?? 100;
  const region = createRegionGeometry(pack);
  const incidents = createSlotTable<IncidentRow>();
  const cameras = createSlotTable<CameraRow>();
  const pulsing = new Map<string, PulseRow>();
  /** Open cases with the deadline their clock runs to (the same rule as selectCaseDeadline). */
  const openCases = new Map<string, { row: IncidentRow & { kind: 'case' }; dueMs: number }>();
  const problems = new Map<string, DataQualityItem>();
  let risk: Readonly<Record<string, AreaRisk>> = {};
  let riskVersion = 0;
  let riskStates: RiskStateChange[] | null = null;
  let pulseList: PulseRow[] | null = null;
  let haloList: HaloRow[] | null = null;
  let lastHalos: HaloRow[] = [];
  let haloKey = '';
  let currentNow = 0;
  let problemList: DataQualityItem[] | null = null;
  let lastMinute = 0;
  let newRed: string[] = [];

  const noteProblem = (key: string, item: DataQualityItem | null) => {
    if (item) problems.set(key, item);
    else if (!problems.delete(key)) return;
    problemList = null;
  };

  function putAlarm(id: string, a: AlarmRecord | null, nowMs: number, live = false) {
    if (live && a && a.severity === 'red' && a.state === 'new' && !incidents.get(`alarm:${id}`))
      if (!problems.has(`alarm:${id}`) && nowMs - Date.parse(a.receivedAt) < pulseMs) newRed.push(id);
    const placement = a ? resolvePlacement(a, region) : null;
    noteProblem(
      `alarm:${id}`,
      a && placement && !placement.ok
        ? { kind: 'alarm', id, problem: placement.problem, label: a.category }
        : null,
    );
    if (!a || !placement?.ok) {
      incidents.remove(`alarm:${id}`);
      if (pulsing.delete(id)) pulseList = null;
      return;
    }
    const atMs = Date.parse(a.occurredAt);
    incidents.upsert(`alarm:${id}`, { kind: 'alarm', id, item: a, position: placement.position, atMs });
    const startMs = Date.parse(a.receivedAt);
    if (a.state === 'new' && nowMs - startMs < pulseMs) {
      pulsing.set(id, { id, position: placement.position, severity: a.severity, startMs });
      pulseList = null;
      // A flood of new alarms: only the newest pulse, so keep the set small (sorted rarely).
      if (pulsing.size > maxPulses * 2) {
        const keep = [...pulsing.values()].sort(newestFirst).slice(0, maxPulses);
        pulsing.clear();
        for (const p of keep) pulsing.set(p.id, p);
      }
    } else if (pulsing.delete(id)) pulseList = null;
  }

  function putCase(id: string, c: CaseRecord | null) {
    const placement = c ? resolvePlacement(c, region) : null;
    noteProblem(
      `case:${id}`,
      c && placement && !placement.ok
        ? { kind: 'case', id, problem: placement.problem, label: c.category }
        : null,
    );
    if (!c || !placement?.ok) {
      incidents.remove(`case:${id}`);
      if (openCases.delete(id)) haloList = null;
      return;
    }
    const row = {
      kind: 'case',
      id,
      item: c,
      position: placement.position,
      atMs: Date.parse(c.receivedAt),
    } as const;
    incidents.upsert(`case:${id}`, row);
    if (!CASE_DONE_STATUSES.includes(c.status))
      openCases.set(id, { row, dueMs: Date.parse(c.firstRespondedAt ? c.feedbackDue : c.firstResponseDue) });
    else openCases.delete(id);
    haloList = null;
  }

  function putCamera(id: string, cam: CameraRecord | null) {
    const placement = cam ? resolvePlacement(cam, region) : null;
    noteProblem(
      `camera:${id}`,
      cam && placement && !placement.ok
        ? { kind: 'camera', id, problem: placement.problem, label: cam.name }
        : null,
    );
    if (!cam || !placement?.ok) cameras.remove(id);
    else cameras.upsert(id, { id, item: cam, position: placement.position });
  }

  function noteRisk(id: string, value: AreaRisk | null) {
    const colon = id.indexOf(':');
    const kind = id.slice(0, colon);
    if (riskStates === null) return;
    riskStates.push({
      source: kind === 'grid' ? 'grids' : 'townships',
      areaId: id.slice(colon + 1),
      level: value?.level ?? null,
    });
  }

  const data: MapData = {
    region,
    incidents,
    cameras,
    reset(model, nowMs) {
      incidents.clear();
      cameras.clear();
      pulsing.clear();
      openCases.clear();
      problems.clear();
      newRed = [];
      for (const [id, a] of Object.entries(model.alarms)) putAlarm(id, a, nowMs);
      for (const [id, c] of Object.entries(model.cases)) putCase(id, c);
      for (const [id, cam] of Object.entries(model.cameras)) putCamera(id, cam);
      risk = model.risk ?? {};
      riskVersion++;
      riskStates = null;
      currentNow = nowMs;
      pulseList = null;
      haloList = null;
      problemList = null;
      lastMinute = Math.floor(nowMs / MINUTE);
    },
    apply(model, changes, nowMs) {
      for (const change of changes) {
        switch (change.collection) {
          case 'alarms':
            putAlarm(change.id, change.value, nowMs, true);
            break;
          case 'cases':
            putCase(change.id, change.value);
            break;
          case 'cameras':
            putCamera(change.id, change.value);
            break;
          case 'risk':
            noteRisk(change.id, change.value);
            riskVersion++;
            break;
          default:
            break;
        }
      }
      risk = model.risk ?? {};
      currentNow = nowMs;
    },
    refresh(nowMs) {
      for (const [id, p] of pulsing) {
        if (nowMs - p.startMs >= pulseMs) {
          pulsing.delete(id);
          pulseList = null;
        }
      }
      const minute = Math.floor(nowMs / MINUTE);
      if (minute !== lastMinute) {
        lastMinute = minute;
        // Deadlines pass by the minute (the colours follow through the layer's colour clock).
        haloList = null;
      }
      currentNow = nowMs;
    },
    pulses() {
      if (pulseList === null) pulseList = [...pulsing.values()].sort(newestFirst).slice(0, maxPulses);
      return pulseList;
    },
    halos() {
      if (haloList === null) {
        const next: HaloRow[] = [];
        for (const { row, dueMs } of openCases.values())
          if (dueMs < currentNow) next.push({ id: row.id, position: row.position });
        const key = next.map((h) => `${h.id}@${h.position.join(',')}`).join(';');
        // The same breached cases in the same places: keep the array, so the layer is not rebuilt.
        if (key !== haloKey) lastHalos = next;
        haloKey = key;
        haloList = lastHalos;
      }
      return haloList;
    },
    dataQuality() {
      if (problemList === null) problemList = [...problems.values()];
      return problemList;
    },
    risk: () => risk,
    get riskVersion() {
      return riskVersion;
    },
    takeNewRedAlarms() {
      const ids = newRed;
      newRed = [];
      return ids;
    },
    takeRiskStates() {
      const states = riskStates;
      riskStates = [];
      return states;
    },
    positionOf(kind, id) {
      if (kind === 'camera') return cameras.get(id)?.position;
      return incidents.get(`${kind}:${id}`)?.position;
    },
  };
  return data;
}
