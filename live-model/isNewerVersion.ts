import type { AlarmRecord, CameraRecord, CaseRecord } from '../protocol/liveModel';

/**
 * The "older version never overwrites newer" rule. Cameras are versioned by `updatedAt`,
 * alarms and cases by `version`. An equal version is a duplicate: also not newer.
 * @example isNewerVersion({version: 2}, {version: 1}) // true
 */
export function isNewerVersion<T extends CameraRecord | AlarmRecord | CaseRecord>(
  incoming: T,
  existing: T | undefined,
): boolean {
  if (!existing) return true;
  if ('version' in incoming && 'version' in existing) return incoming.version > existing.version;
  const a = incoming as CameraRecord;
  const b = existing as CameraRecord;
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}
