import { describe, expect, it } from 'vitest';
import { createOnDemandFrames } from './onDemandFrames';

/** A fake frame clock: frames run when the test says so. */
function frameClock() {
  const queue = new Map<number, FrameRequestCallback>();
  let id = 0;
  return {
    raf: (cb: FrameRequestCallback) => {
      queue.set(++id, cb);
      return id;
    },
    caf: (i: number) => void queue.delete(i),
    /** Runs the frames scheduled so far; returns how many ran. */
    tick(): number {
      const due = [...queue.values()];
      queue.clear();
      for (const cb of due) cb(0);
      return due.length;
    },
  };
}

describe('createOnDemandFrames', () => {
  it('lets a render loop that always asks for the next frame sleep after a few frames', () => {
    const clock = frameClock();
    const frames = createOnDemandFrames(clock.raf, clock.caf);
    let rendered = 0;
    const loop = () => {
      rendered++;
      frames.provider.requestAnimationFrame(loop);
    };
    frames.provider.requestAnimationFrame(loop);
    let ran = 0;
    for (let i = 0; i < 10; i++) ran += clock.tick();
    expect(ran).toBe(3);
    expect(rendered).toBe(3);
  });

  it('wakes the sleeping loop for a few more frames when something changed', () => {
    const clock = frameClock();
    const frames = createOnDemandFrames(clock.raf, clock.caf);
    let rendered = 0;
    const loop = () => {
      rendered++;
      frames.provider.requestAnimationFrame(loop);
    };
    frames.provider.requestAnimationFrame(loop);
    for (let i = 0; i < 10; i++) clock.tick();
    frames.wake();
    for (let i = 0; i < 10; i++) clock.tick();
    expect(rendered).toBe(6);
  });

  it('a cancelled frame does not run', () => {
    const clock = frameClock();
    const frames = createOnDemandFrames(clock.raf, clock.caf);
    let rendered = 0;
    const id = frames.provider.requestAnimationFrame(() => rendered++);
    frames.provider.cancelAnimationFrame(id);
    clock.tick();
    frames.wake();
    clock.tick();
    expect(rendered).toBe(0);
  });
});
