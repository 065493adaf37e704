/**
 * The audit log's entries as `GET /api/audit` returns them: who did what, when, from
 * where, and how it ended. Append-only and hash-chained (stream-gateway/audit/).
 */

export const AUDIT_OUTCOMES = ['ok', 'conflict', 'invalid', 'not-found', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Where a request came from: the peer address, the console (desk) it named, its browser. */
export interface AuditOrigin {
  ip: string | null;
  console: string | null;
  userAgent: string | null;
}

export interface AuditActor {
  id: string;
  name: string;
  role: string;
}

export interface AuditEntry {
  id: number;
  /** When (ISO, UTC, the gateway's clock). */
  at: string;
  /** Null when nobody was identified (a failed login, a request without a token). */
  actor: AuditActor | null;
  /** `alarm.acknowledge`, `login`, `user.create`, `token.revoke`, `export`, `access.denied`… */
  action: string;
  /** What it was done to: `alarm:ALM-1`, `user:zhang`, `token:tok_…`, `report:daily/2026-11-24`. */
  target: string | null;
  outcome: AuditOutcome;
  /** The action's particulars (unit, note, conflict, revision, seq…); never a secret. */
  detail: Record<string, unknown>;
  origin: AuditOrigin;
  /** SHA-256 over the previous entry's hash and this entry: an edit breaks the chain. */
  hash: string;
}

/** The watermark an export carries (issue 8): who exported it, when, and its audit entry. */
export interface ExportWatermark {
  /** One line for the picture or page, Chinese: 导出：张三（值班员）2026-11-25 20:14:05 · 审计 #42 */
  text: string;
  /** The same in English, for the English UI. */
  textEn: string;
  by: AuditActor;
  /** ISO, UTC. */
  at: string;
  auditId: number;
}
