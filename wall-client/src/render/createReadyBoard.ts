/**
 * What a rendered page (a snapshot, a report) is still waiting for: every chart, API answer or
 * map registers here and says when it has drawn its data, or that it cannot. No React inside;
 * the page's signal reads it (RenderSignal).
 */
export interface ReadyReporter {
  set(ready: boolean, failed?: string | null): void;
  dispose(): void;
}

export interface ReadyState {
  /** Everything registered has drawn (a page with no charts or API answers has nothing to wait for here). */
  ready: boolean;
  /** Names of what is still waiting, in registration order, each once. */
  pending: string[];
  /** The first reason something cannot draw, or null. */
  failed: string | null;
  count: number;
}

export interface ReadyBoard {
  register(name: string): ReadyReporter;
  state(): ReadyState;
}

/**
 * @example const board = createReadyBoard(); const r = board.register('peace-trend'); r.set(true); board.state().ready // true
 */
export function createReadyBoard(): ReadyBoard {
  let next = 0;
  const entries = new Map<number, { name: string; ready: boolean; failed: string | null }>();
  return {
    register(name) {
      const id = next++;
      entries.set(id, { name, ready: false, failed: null });
      return {
        set(ready, failed = null) {
          const e = entries.get(id);
          if (e) Object.assign(e, { ready, failed });
        },
        dispose() {
          entries.delete(id);
        },
      };
    },
    state() {
      const pending = new Set<string>();
      let failed: string | null = null;
      for (const e of entries.values()) {
        if (!e.ready) pending.add(e.name);
        if (e.failed && !failed) failed = `${e.name}: ${e.failed}`;
      }
      return { ready: pending.size === 0, pending: [...pending], failed, count: entries.size };
    },
  };
}
