import { useEffect, useState } from 'react';
import type { PageLayout, ScreenLayout } from '../../../protocol/wallLayout';
import { readHeapMB } from '../live/createScreenVitals';

/** An operator's input pauses page rotation this long. */
export const PAUSE_AFTER_INPUT_MS = 60_000;
const RESTORE_KEY = 'wall.restore';
const RELOADS_KEY = 'wall.reloads';
export const WATCHDOG_EVERY_MS = 5_000;

function restoredPage(screen: ScreenLayout): number {
  try {
    const saved = JSON.parse(sessionStorage.getItem(RESTORE_KEY) ?? 'null') as {
      screen: string;
      page: string;
    } | null;
    if (saved?.screen !== screen.id) return 0;
    return Math.max(
      0,
      screen.pages.findIndex((p) => p.id === saved.page),
    );
  } catch {
    return 0;
  }
}

/**
 * The page a screen shows: rotates every `rotateSeconds` when there are several, paused
 * while an operator acts (pointer or key in the last minute). A snapshot names its page
 * (`fixed`) and does not rotate.
 */
export function useScreenPage(screen: ScreenLayout, fixed: string | null = null): PageLayout {
  const [index, setIndex] = useState(() =>
    fixed === null
      ? restoredPage(screen)
      : Math.max(
          0,
          screen.pages.findIndex((p) => p.id === fixed),
        ),
  );
  useEffect(() => {
    if (screen.pages.length < 2 || fixed !== null) return;
    let lastInput = 0;
    const onInput = () => {
      lastInput = Date.now();
    };
    window.addEventListener('pointerdown', onInput);
    window.addEventListener('keydown', onInput);
    const timer = setInterval(() => {
      if (Date.now() - lastInput < PAUSE_AFTER_INPUT_MS) return;
      setIndex((i) => (i + 1) % screen.pages.length);
    }, screen.rotateSeconds * 1000);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onInput);
      window.removeEventListener('keydown', onInput);
    };
  }, [screen, fixed]);
  return screen.pages[index % screen.pages.length] as PageLayout;
}

/** How many times the watchdog reloaded this screen (this browser tab). */
export function watchdogReloads(): number {
  return Number(sessionStorage.getItem(RELOADS_KEY) ?? 0);
}

/**
 * The watchdog: a screen whose JS heap passes `maxHeapMB` reloads itself, after saving what
 * only it knows (the page on show); the wall's shared state comes back from the gateway.
 */
export function useWatchdog(screen: ScreenLayout, page: PageLayout, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      const heap = readHeapMB();
      if (heap === null || heap <= screen.maxHeapMB) return;
      sessionStorage.setItem(RESTORE_KEY, JSON.stringify({ screen: screen.id, page: page.id }));
      sessionStorage.setItem(RELOADS_KEY, String(watchdogReloads() + 1));
      window.location.reload();
    }, WATCHDOG_EVERY_MS);
    return () => clearInterval(timer);
  }, [screen, page, enabled]);
}
