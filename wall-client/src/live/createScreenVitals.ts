/**
 * The screen's vital signs for its heartbeat: frames per second (from requestAnimationFrame),
 * JS heap (Chromium's performance.memory), uptime and the page on show. No React inside.
 */
export interface ScreenVitals {
  read(): { fps: number; heapMB: number | null; uptimeS: number; page: string | null };
  setPage(page: string | null): void;
  stop(): void;
}

interface MemoryInfo {
  usedJSHeapSize: number;
}

export function readHeapMB(): number | null {
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  return memory ? Math.round((memory.usedJSHeapSize / 1_048_576) * 10) / 10 : null;
}

export function createScreenVitals(now: () => number = () => performance.now()): ScreenVitals {
  const started = now();
  let frames = 0;
  let windowStart = started;
  let fps = 0;
  let page: string | null = null;
  let raf = 0;
  const loop = () => {
    frames++;
    raf = requestAnimationFrame(loop);
  };
  raf = requestAnimationFrame(loop);
  return {
    read() {
      const t = now();
      const seconds = (t - windowStart) / 1000;
      if (seconds > 0.5) {
        fps = Math.round((frames / seconds) * 10) / 10;
        frames = 0;
        windowStart = t;
      }
      return { fps, heapMB: readHeapMB(), uptimeS: Math.round((t - started) / 1000), page };
    },
    setPage(p) {
      page = p;
    },
    stop() {
      cancelAnimationFrame(raf);
    },
  };
}
