import { PANEL_ID } from '../../../../protocol/video';
import { VIDEO_LAYOUTS, type VideoLayout } from './buildTilePlan';
import { DEFAULT_TOUR_GROUPS } from './VideoWall';

export interface VideoPanelSettings {
  panel: string;
  layout: VideoLayout;
  decoders: number;
  groups: string[];
  tourSeconds: number;
}

/** The foundation's `count` prop, read as the layout with that many tiles. */
const LAYOUT_OF_COUNT: Record<number, VideoLayout> = { 1: '1', 4: '2x2', 6: '1+5', 9: '3x3', 16: '4x4' };

const clampInt = (value: unknown, min: number, max: number, fallback: number) => {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

/**
 * A video panel's settings from the wall layout file's props
 * (`{"layout": "4x4", "decoders": 16, "tour": "stations,key-roads", "tourSeconds": 20, "id": "right"}`);
 * a missing or bad value takes its default, so a typo never blanks a screen.
 * @example toVideoWallProps({ layout: '1+5', decoders: 6 }, 'right').layout // '1+5'
 */
export function toVideoWallProps(
  props: Readonly<Record<string, string | number | boolean>>,
  defaultPanel: string,
): VideoPanelSettings {
  const layout = String(props.layout ?? '');
  const groups = String(props.tour ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => /^[\w-]{1,40}$/.test(g));
  const id = String(props.id ?? defaultPanel);
  return {
    panel: PANEL_ID.test(id) ? id : 'video',
    layout: VIDEO_LAYOUTS.includes(layout as VideoLayout)
      ? (layout as VideoLayout)
      : (LAYOUT_OF_COUNT[Number(props.count)] ?? '4x4'),
    decoders: clampInt(props.decoders, 0, 64, 16),
    groups: groups.length > 0 ? groups : DEFAULT_TOUR_GROUPS,
    tourSeconds: clampInt(props.tourSeconds, 5, 86_400, 20),
  };
}
