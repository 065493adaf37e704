import { VIDEO_LAYOUTS, type VideoLayout } from './buildTilePlan';
import { DEFAULT_TOUR_GROUPS } from './VideoWall';

export interface VideoParams {
  layout: VideoLayout;
  decoders: number;
  groups: string[];
  tourSeconds: number;
}

const clampInt = (text: string | null, min: number, max: number, fallback: number) => {
  const n = Number(text);
  return text !== null && Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

/**
 * A video screen's settings from its address:
 * `?screen=video&layout=4x4&decoders=16&tour=stations,key-roads&tourSeconds=20`.
 * Unknown or bad values fall back to the defaults.
 * @example parseVideoParams('?layout=1%2B5&decoders=6').layout // '1+5'
 */
export function parseVideoParams(search: string, defaults: Partial<VideoParams> = {}): VideoParams {
  const q = new URLSearchParams(search);
  const layout = q.get('layout');
  const groups = (q.get('tour') ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => /^[\w-]{1,40}$/.test(g));
  return {
    layout: VIDEO_LAYOUTS.includes(layout as VideoLayout)
      ? (layout as VideoLayout)
      : (defaults.layout ?? '4x4'),
    decoders: clampInt(q.get('decoders'), 0, 64, defaults.decoders ?? 16),
    groups: groups.length > 0 ? groups : (defaults.groups ?? DEFAULT_TOUR_GROUPS),
    tourSeconds: clampInt(q.get('tourSeconds'), 5, 3600, defaults.tourSeconds ?? 20),
  };
}
