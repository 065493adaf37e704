import { describe, expect, it } from 'vitest';
import { FEED_SCHEMAS } from '../../protocol/schemas';
import { loadRegionPackSync } from '../../stream-gateway/region/loadRegionPack';
import { listScenarios, loadScenario } from './loadScenario';
import { resolveItem } from './resolveStepData';
import { mqttSources } from './runScenario';

describe('shipped scenarios', () => {
  it('are the story, the storm and the quiet night', () =>
    expect(listScenarios()).toEqual(['alarm-storm', 'evening-story', 'quiet-night']));

  it("the story's camera platform speaks MQTT: its heartbeats go that way too", () => {
    expect([...mqttSources(loadScenario('evening-story'))]).toEqual(['video-analytics']);
    expect(mqttSources(loadScenario('alarm-storm')).size).toBe(0);
  });

  it.each(['alarm-storm', 'evening-story', 'quiet-night'])(
    '%s is valid and every place it names is in the Naxi pack',
    (name) => {
      const scenario = loadScenario(name);
      const pack = loadRegionPackSync(new URL('../../regions/naxi', import.meta.url).pathname);
      const places = new Map(pack.places.map((p) => [p.id, p]));
      for (const step of scenario.steps) {
        if (step.do !== 'feed') continue;
        for (const item of Array.isArray(step.data) ? step.data : [step.data]) {
          const resolved = resolveItem(item, Date.now(), (id) => places.get(id));
          const check = FEED_SCHEMAS[step.feed].safeParse(resolved);
          expect(check.success, `${name} step at ${step.at}: ${check.error?.issues[0]?.message}`).toBe(true);
        }
      }
    },
  );

  it('says what is wrong with an unknown name', () =>
    expect(() => loadScenario('nope')).toThrow(
      'no scenario "nope" (shipped: alarm-storm, evening-story, quiet-night)',
    ));
});
