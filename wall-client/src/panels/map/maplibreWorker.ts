/**
 * maplibre-gl 6 cannot find its worker once bundled (STACK-NOTES): point it at the worker
 * file Vite emits, once per page.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let installed = false;

export function installMaplibreWorker(): void {
  if (installed) return;
  installed = true;
  maplibregl.setWorkerUrl(workerUrl);
}
