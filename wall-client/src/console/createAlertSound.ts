/**
 * The console's audible alert for a new red (or escalated) alarm: three short two-tone
 * beeps made with Web Audio — no sound file, nothing fetched. Browsers allow sound only
 * after a click on the page; until then `state` is 'blocked' and the console says so.
 */
export interface AlertSound {
  play(): void;
  /** Call from a click: lets the browser play sound from now on. */
  unlock(): Promise<void>;
  readonly state: 'ready' | 'blocked' | 'unsupported';
  close(): void;
}

export function createAlertSound(): AlertSound {
  const Ctx = (window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext) as
    | typeof AudioContext
    | undefined;
  let ctx: AudioContext | null = null;
  const get = () => {
    if (!Ctx) return null;
    ctx ??= new Ctx();
    return ctx;
  };
  return {
    get state() {
      if (!Ctx) return 'unsupported';
      return ctx?.state === 'running' ? 'ready' : 'blocked';
    },
    async unlock() {
      await get()?.resume();
    },
    play() {
      const audio = get();
      if (audio?.state !== 'running') return;
      const t0 = audio.currentTime + 0.02;
      for (let i = 0; i < 3; i++) {
        for (const [offset, freq] of [
          [0, 880],
          [0.16, 660],
        ] as const) {
          const osc = audio.createOscillator();
          const gain = audio.createGain();
          const start = t0 + i * 0.5 + offset;
          osc.frequency.value = freq;
          gain.gain.setValueAtTime(0.0001, start);
          gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
          osc.connect(gain).connect(audio.destination);
          osc.start(start);
          osc.stop(start + 0.15);
        }
      }
    },
    close() {
      void ctx?.close();
      ctx = null;
    },
  };
}
