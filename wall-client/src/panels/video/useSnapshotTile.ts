import { useEffect, useState } from 'react';
import type { StillFrame } from './useStillFrame';

/** How long a snapshot waits for a channel's still before it shows the camera's name and state instead. */
export const SNAPSHOT_STILL_MS = 8_000;

/**
 * A tile in a snapshot (render mode): ready when its still is on screen (fetched and decoded),
 * or when it has none to show — then it says so with the camera's name and state, never a
 * black box. A still that takes longer than SNAPSHOT_STILL_MS counts as none.
 */
export function useSnapshotTile(
  active: boolean,
  wanted: boolean,
  cameraId: string | null,
  still: StillFrame,
): { ready: boolean; noPicture: boolean; loaded(src: string | null): void } {
  const [gaveUp, setGaveUp] = useState(false);
  const [decoded, setDecoded] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the deadline starts again for another camera
  useEffect(() => {
    if (!active) return;
    setGaveUp(false);
    const timer = setTimeout(() => setGaveUp(true), SNAPSHOT_STILL_MS);
    return () => clearTimeout(timer);
  }, [active, cameraId]);
  const waiting =
    wanted &&
    (still.state === 'loading' || (still.state === 'ok' && still.src !== null && decoded !== still.src));
  return {
    ready: !waiting || gaveUp,
    noPicture: active && wanted && (still.state === 'error' || (still.state !== 'ok' && gaveUp)),
    loaded: setDecoded,
  };
}
