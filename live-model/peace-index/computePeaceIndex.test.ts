import { describe, expect, it } from 'vitest';
import { type PeaceIndexConfig, PeaceIndexConfigSchema } from '../../protocol/trends';
import { emptyCounts } from '../aggregates/emptyCounts';
import { computePeaceIndex, peaceBand, scoreComponent } from './computePeaceIndex';
import shipped from './peaceIndexConfig.json';

const label = { 'zh-CN': '测试', en: 'test' };
const config: PeaceIndexConfig = {
  perResidents: 10_000,
  components: [
    { key: 'crime', label, weight: 30, numerator: ['criminal'], denominator: 'residents', good: 1, bad: 5 },
    {
      key: 'resolution',
      label,
      weight: 20,
      numerator: ['resolved'],
      denominator: ['cases'],
      good: 1,
      bad: 0.5,
    },
    {
      key: 'satisfaction',
      label,
      weight: 50,
      numerator: ['satisfactionSum'],
      denominator: ['satisfactionCount'],
      good: 5,
      bad: 3,
    },
  ],
  categoryClasses: { criminal: [], publicOrder: [] },
  bands: { red: 60, yellow: 75 },
};

describe('computePeaceIndex (hand-computed)', () => {
  it('weights the component scores', () => {
    const counts = {
      ...emptyCounts(),
      criminal: 6,
      resolved: 9,
      cases: 10,
      satisfactionSum: 18,
      satisfactionCount: 4,
    };
    // crime: 6 / 20,000 × 10,000 / 1 day = 3 per 10k → (3 − 5) / (1 − 5) = 0.5 → 50
    // resolution: 9 / 10 = 0.9 → (0.9 − 0.5) / 0.5 = 0.8 → 80
    // satisfaction: 18 / 4 = 4.5 → (4.5 − 3) / 2 = 0.75 → 75
    // index: (30·50 + 20·80 + 50·75) / 100 = 68.5
    const r = computePeaceIndex(counts, { population: 20_000, days: 1 }, config);
    expect(r.index).toBe(68.5);
    expect(r.components).toEqual([
      { key: 'crime', value: 3, score: 50, weight: 30, points: 15 },
      { key: 'resolution', value: 0.9, score: 80, weight: 20, points: 16 },
      { key: 'satisfaction', value: 4.5, score: 75, weight: 50, points: 37.5 },
    ]);
  });

  it('turns counts into a daily rate over longer periods', () => {
    // 42 incidents over 7 days in 20,000 residents: 3 per 10k per day → 50
    const r = computePeaceIndex({ ...emptyCounts(), criminal: 42 }, { population: 20_000, days: 7 }, config);
    expect(r.components[0]).toMatchObject({ value: 3, score: 50 });
  });

  it('leaves out components without data and renormalises the weights', () => {
    // only crime has data: index = its score; its points are the whole index
    const r = computePeaceIndex({ ...emptyCounts(), criminal: 2 }, { population: 20_000, days: 1 }, config);
    // 1 per 10k → at `good` → 100
    expect(r.index).toBe(100);
    expect(r.components.map((c) => [c.key, c.score, c.points])).toEqual([
      ['crime', 100, 100],
      ['resolution', null, 0],
      ['satisfaction', null, 0],
    ]);
  });

  it('clamps scores to 0–100', () => {
    expect(scoreComponent(10, 1, 5)).toBe(0);
    expect(scoreComponent(0, 1, 5)).toBe(100);
    expect(scoreComponent(1.2, 1, 0.5)).toBe(100);
  });

  it('is null when nothing can be scored, or nothing happened at all (no data is not a perfect score)', () => {
    expect(computePeaceIndex(emptyCounts(), { population: 0, days: 1 }, config).index).toBeNull();
    expect(computePeaceIndex(emptyCounts(), { population: 20_000, days: 1 }, config).index).toBeNull();
  });

  it('bands an index red, yellow or green', () => {
    expect([59.9, 60, 74.9, 75, null].map((i) => peaceBand(i, config))).toEqual([
      'red',
      'yellow',
      'yellow',
      'green',
      'none',
    ]);
  });

  it('ships a valid configuration whose weights add up to 100', () => {
    const parsed = PeaceIndexConfigSchema.parse(shipped);
    expect(parsed.components.reduce((s, c) => s + c.weight, 0)).toBe(100);
    // a quiet day in a 48,810-resident township scores high; a bad one low
    const quiet = computePeaceIndex(
      {
        ...emptyCounts(),
        criminal: 3,
        publicOrder: 10,
        cases: 2,
        resolved: 2,
        resolvedOnTime: 2,
        redAlarms: 2,
      },
      { population: 48_810, days: 1 },
      parsed,
    );
    const bad = computePeaceIndex(
      {
        ...emptyCounts(),
        criminal: 30,
        publicOrder: 60,
        cases: 9,
        resolved: 3,
        redAlarms: 50,
        repeatCases: 3,
      },
      { population: 48_810, days: 1 },
      parsed,
    );
    expect(quiet.index).toBeGreaterThan(85);
    expect(bad.index).toBeLessThan(40);
  });
});
