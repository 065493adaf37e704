import { useEffect, useRef } from 'react';
import { RENDER_SIGNAL } from '../../../protocol/reports';
import { useReadyBoard } from './RenderContext';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The panels holding the page: those registered and not drawn, and elements marked data-ready="false". */
function pendingNames(board: { pending: string[] }, waitingFor: readonly string[]): string[] {
  const dom = [...document.querySelectorAll(RENDER_SIGNAL.waiting)].map(
    (el) =>
      el.closest('[data-panel]')?.getAttribute('data-panel') ??
      el.getAttribute('data-testid') ??
      el.tagName.toLowerCase(),
  );
  return [...new Set([...waitingFor, ...board.pending, ...dom])];
}

/**
 * Tells the renderer when the page is complete (attributes on `<html>`, RENDER_SIGNAL): every
 * registered part has drawn, nothing is marked `data-ready="false"`, the fonts are loaded, and
 * it stays so across two frames. `waitingFor` names what the page itself still lacks (the
 * live model, the region). `info` is read when ready (pages, figures) for the renderer.
 */
export function RenderSignal({
  waitingFor,
  failed = null,
  info,
}: {
  waitingFor: readonly string[];
  /** Why the page itself cannot draw (e.g. the screen is not in the layout file). */
  failed?: string | null;
  info?: () => Record<string, unknown>;
}) {
  const board = useReadyBoard();
  const waiting = useRef(waitingFor);
  waiting.current = waitingFor;
  const failure = useRef(failed);
  failure.current = failed;
  const infoRef = useRef(info);
  infoRef.current = info;
  useEffect(() => {
    if (!board) return;
    const root = document.documentElement;
    let stopped = false;
    let checking = false;
    const check = async () => {
      if (checking || stopped) return;
      checking = true;
      try {
        const state = board.state();
        const why = failure.current ?? state.failed;
        if (why) root.setAttribute(RENDER_SIGNAL.failed, why);
        const pending = pendingNames(state, waiting.current);
        root.setAttribute(RENDER_SIGNAL.pending, pending.join(','));
        if (pending.length > 0 || !state.ready || document.fonts.status !== 'loaded') {
          root.removeAttribute(RENDER_SIGNAL.ready);
          return;
        }
        await nextFrame();
        await nextFrame();
        const again = board.state();
        if (stopped || !again.ready || pendingNames(again, waiting.current).length > 0) return;
        (window as { __renderInfo?: unknown }).__renderInfo = infoRef.current?.() ?? {};
        root.setAttribute(RENDER_SIGNAL.ready, 'true');
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(() => void check(), 100);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [board]);
  return null;
}
