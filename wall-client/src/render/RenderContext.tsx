/**
 * Render mode: a page opened by the gateway's headless renderer — a wall screen for a
 * snapshot (`?render=snapshot`) or the print route for a report (`/print/report`). Panels stay
 * the same components; in render mode charts draw as SVG (text stays text in a PDF), without
 * animation, in the paper colours for a report, and every panel says when it has drawn.
 */
import { createContext, type ReactNode, useContext, useLayoutEffect, useRef, useState } from 'react';
import { createReadyBoard, type ReadyBoard, type ReadyReporter } from './createReadyBoard';

export interface RenderMode {
  kind: 'snapshot' | 'report';
  /** Light colours for paper (reports); a snapshot keeps the wall's dark look. */
  paper: boolean;
}

/** What the address asks for: the print route, a snapshot of a screen, or a normal screen (null). */
export function readRenderMode(pathname: string, search: string): RenderMode | null {
  if (pathname.startsWith('/print/')) return { kind: 'report', paper: true };
  if (new URLSearchParams(search).get('render') === 'snapshot') return { kind: 'snapshot', paper: false };
  return null;
}

const RenderContext = createContext<{ mode: RenderMode | null; board: ReadyBoard | null }>({
  mode: null,
  board: null,
});
const ScopeContext = createContext('page');

export function RenderProvider({ mode, children }: { mode: RenderMode | null; children: ReactNode }) {
  const [value] = useState(() => ({ mode, board: mode ? createReadyBoard() : null }));
  return <RenderContext.Provider value={value}>{children}</RenderContext.Provider>;
}

/** Names what registers inside (a panel's name), so a page that is not ready says which panel waits. */
export function ReadyScope({ name, children }: { name: string; children: ReactNode }) {
  return <ScopeContext.Provider value={name}>{children}</ScopeContext.Provider>;
}

export function useRenderMode(): RenderMode | null {
  return useContext(RenderContext).mode;
}

export function useReadyBoard(): ReadyBoard | null {
  return useContext(RenderContext).board;
}

/**
 * A panel part that draws data (a chart, an API answer) says whether it has drawn it, or why
 * it cannot. Does nothing on a normal screen.
 */
export function usePanelReady(ready: boolean, failed: string | null = null): void {
  const { board } = useContext(RenderContext);
  const scope = useContext(ScopeContext);
  const reporter = useRef<ReadyReporter | null>(null);
  const latest = useRef({ ready, failed });
  latest.current = { ready, failed };
  useLayoutEffect(() => {
    if (!board) return;
    const r = board.register(scope);
    r.set(latest.current.ready, latest.current.failed);
    reporter.current = r;
    return () => {
      r.dispose();
      reporter.current = null;
    };
  }, [board, scope]);
  useLayoutEffect(() => {
    reporter.current?.set(ready, failed);
  }, [ready, failed]);
}
