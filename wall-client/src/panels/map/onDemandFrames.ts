/**
 * deck.gl's render loop asks for an animation frame 60 times a second even when nothing
 * changed; on a wall that runs for weeks that is a main thread never at rest. This frame
 * provider (handed to deck.gl's animation loop as `animationFrameProvider`) lets the loop
 * sleep after a couple of idle frames and wakes it when something may need drawing: new layers,
 * a map move, a resize.
 */
export interface OnDemandFrames {
  provider: {
    requestAnimationFrame(callback: FrameRequestCallback): number;
    cancelAnimationFrame(id: number): void;
  };
  /** Something changed: run frames again (a few, then sleep). */
  wake(): void;
}

/** Frames run after each wake before the loop sleeps (the change is drawn in the first). */
const FRAMES_PER_WAKE = 3;

export function createOnDemandFrames(
  raf: (cb: FrameRequestCallback) => number = (cb) => requestAnimationFrame(cb),
  caf: (id: number) => void = (id) => cancelAnimationFrame(id),
): OnDemandFrames {
  let pending: FrameRequestCallback | null = null;
  let scheduled = 0;
  let budget = FRAMES_PER_WAKE;
  let ids = 0;

  const run = () => {
    if (scheduled !== 0 || pending === null || budget <= 0) return;
    budget--;
    scheduled = raf((time) => {
      scheduled = 0;
      const callback = pending;
      pending = null;
      callback?.(time);
    });
  };

  return {
    provider: {
      requestAnimationFrame(callback) {
        pending = callback;
        run();
        return ++ids;
      },
      cancelAnimationFrame() {
        pending = null;
        if (scheduled !== 0) caf(scheduled);
        scheduled = 0;
      },
    },
    wake() {
      budget = FRAMES_PER_WAKE;
      run();
    },
  };
}
