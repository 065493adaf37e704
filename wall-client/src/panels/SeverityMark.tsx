import type { Severity } from '../../../protocol/schemas';

/** Shape as well as colour, so red and green stay apart for colour-blind viewers. */
const SHAPE: Record<Severity, string> = { red: '▲', yellow: '◆', green: '●' };

export function SeverityMark({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity}`} role="img" aria-label={severity}>
      {SHAPE[severity]}
    </span>
  );
}
