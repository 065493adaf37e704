import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario, type Scenario } from './scenarioSchema';

export const SCENARIO_DIR = resolve(import.meta.dirname);

export function listScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** A shipped scenario by name, or a file by path; a bad one gives a one-line reason. */
export function loadScenario(nameOrPath: string): Scenario {
  const file = nameOrPath.endsWith('.json') ? resolve(nameOrPath) : join(SCENARIO_DIR, `${nameOrPath}.json`);
  if (!existsSync(file))
    throw new Error(`no scenario "${nameOrPath}" (shipped: ${listScenarios().join(', ')})`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = parseScenario(json, file);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.scenario;
}
