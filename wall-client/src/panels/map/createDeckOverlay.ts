/**
 * The deck.gl overlay on the map, drawing only when something changed: deck.gl's own loop asks
 * for a frame 60 times a second, here it sleeps between changes (onDemandFrames.ts).
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type * as maplibregl from 'maplibre-gl';
import { createOnDemandFrames } from './onDemandFrames';

export interface DeckOverlay {
  setLayers(layers: Layer[]): void;
  pick(x: number, y: number): PickingInfo | null;
  destroy(): void;
}

export function createDeckOverlay(
  map: maplibregl.Map,
  onRendered?: (allLoaded: boolean) => void,
): DeckOverlay {
  let layers: Layer[] = [];
  const frames = createOnDemandFrames();
  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    // Passed through to deck.gl's animation loop (not in the overlay's typings).
    ...({ animationFrameProvider: frames.provider } as object),
    onAfterRender: () => {
      const allLoaded = layers.length > 0 && layers.every((l) => l.isLoaded);
      // Until images and data are in, keep drawing: an async load waits for a frame.
      if (!allLoaded) frames.wake();
      onRendered?.(allLoaded);
    },
  });
  map.addControl(overlay);
  // The overlay follows the map's camera on its render events: draw when it moves or resizes.
  map.on('render', frames.wake);
  map.on('resize', frames.wake);
  return {
    setLayers(next) {
      layers = next;
      overlay.setProps({ layers });
      frames.wake();
    },
    pick: (x, y) => overlay.pickObject({ x, y, radius: 6 }),
    destroy() {
      map.off('render', frames.wake);
      map.off('resize', frames.wake);
      overlay.finalize();
    },
  };
}
