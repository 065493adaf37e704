import { describe, expect, it } from 'vitest';
import {
  alarmRecord,
  cameraRecord,
  caseRecord,
  minutesAfter,
  T0,
} from '../../../../tests/fixtures/feedItems';
import {
  ageAlpha,
  cameraColor,
  cameraIcon,
  type IncidentRow,
  incidentColor,
  incidentIcon,
  incidentSize,
  slaRgb,
} from './incidentStyle';
import { CLOSED_RGB, HANDLED_RGB, SEVERITY_RGB } from './mapColors';

const at = (minutes: number) => Date.parse(minutesAfter(T0, minutes));
const alarmRow = (over: Parameters<typeof alarmRecord>[0] = {}): IncidentRow => ({
  kind: 'alarm',
  id: 'A',
  item: alarmRecord(over),
  position: [105.37, 28.77],
  atMs: Date.parse(over.occurredAt ?? T0),
});
const caseRow = (over: Parameters<typeof caseRecord>[0] = {}): IncidentRow => ({
  kind: 'case',
  id: 'C',
  item: caseRecord(over),
  position: [105.37, 28.77],
  atMs: Date.parse(T0),
});

describe('age fading', () => {
  it('is opaque for 10 minutes, then fades with log-time to a floor at 24 h, never to nothing', () => {
    expect(ageAlpha(0)).toBe(255);
    expect(ageAlpha(10 * 60_000)).toBe(255);
    const hour = ageAlpha(60 * 60_000);
    const sixHours = ageAlpha(6 * 60 * 60_000);
    expect(hour).toBeLessThan(255);
    expect(sixHours).toBeLessThan(hour);
    expect(ageAlpha(24 * 60 * 60_000)).toBe(80);
    expect(ageAlpha(7 * 24 * 60 * 60_000)).toBe(80);
  });
});

describe('incident appearance', () => {
  it('tells severities apart by shape: ▲ red, ◆ yellow, ● green; cases are squares', () => {
    expect(incidentIcon(alarmRow({ severity: 'red' }))).toBe('triangle');
    expect(incidentIcon(alarmRow({ severity: 'yellow' }))).toBe('diamond');
    expect(incidentIcon(alarmRow({ severity: 'green' }))).toBe('circle');
    expect(incidentIcon(caseRow())).toBe('square');
  });

  it('a new alarm has its severity colour; acknowledged it turns grey; closed darker and fainter', () => {
    expect(incidentColor(alarmRow(), at(1))).toEqual([...SEVERITY_RGB.red, 255]);
    expect(incidentColor(alarmRow({ state: 'acknowledged' }), at(1))).toEqual([...HANDLED_RGB, 255]);
    expect(incidentColor(alarmRow({ state: 'closed' }), at(1))).toEqual([...CLOSED_RGB, 153]);
  });

  it('an alarm fades with its age (occurredAt), writing into the target array it is given', () => {
    const target: number[] = [];
    const result = incidentColor(alarmRow(), at(6 * 60), target);
    expect(result).toBe(target);
    expect(target[3]).toBe(ageAlpha(6 * 60 * 60_000));
  });

  it('cases follow their SLA clock: blue, amber at 75 % of the deadline, red when breached', () => {
    // First response due 120 min after T0.
    expect(incidentColor(caseRow(), at(30)).slice(0, 3)).toEqual([77, 163, 255]);
    expect(incidentColor(caseRow(), at(90)).slice(0, 3)).toEqual([255, 197, 61]);
    expect(incidentColor(caseRow(), at(121)).slice(0, 3)).toEqual([255, 77, 79]);
    // A running case does not fade, a finished one is grey.
    expect(incidentColor(caseRow(), at(121))[3]).toBe(255);
    expect(incidentColor(caseRow({ status: 'resolved' }), at(30)).slice(0, 3)).toEqual([...CLOSED_RGB]);
  });

  it('interpolates the SLA ramp between its stops', () => {
    expect(slaRgb(0)).toEqual([77, 163, 255]);
    expect(slaRgb(0.875)).toEqual([255, 137, 70]);
    expect(slaRgb(3)).toEqual([255, 77, 79]);
  });

  it('red alarms are the largest markers and closed ones shrink', () => {
    expect(incidentSize(alarmRow({ severity: 'red' }))).toBeGreaterThan(
      incidentSize(alarmRow({ severity: 'green' })),
    );
    expect(incidentSize(alarmRow({ state: 'closed' }))).toBeLessThan(incidentSize(alarmRow()));
  });
});

describe('camera appearance', () => {
  const row = (status: 'online' | 'offline' | 'fault') => ({
    id: 'c',
    item: cameraRecord({ status }),
    position: [105.37, 28.77] as [number, number],
  });
  it('shows the status by shape and colour, and dims online cameras in the overview', () => {
    expect(cameraIcon(row('online'))).toBe('camera');
    expect(cameraIcon(row('offline'))).toBe('camera-offline');
    expect(cameraIcon(row('fault'))).toBe('camera-fault');
    expect(cameraColor(row('online'), true)[3]).toBeLessThan(255);
    expect(cameraColor(row('offline'), true)[3]).toBe(255);
  });
});
