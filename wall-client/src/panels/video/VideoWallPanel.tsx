import { useLive } from '../../live/LiveModelProvider';
import { toVideoWallProps } from './toVideoWallProps';
import { VideoWall } from './VideoWall';

/**
 * The video panel as the wall layout file places it (`"panel": "camera-tiles"`): settings from
 * its props, pins kept per screen unless the props give an `id`.
 */
export function VideoWallPanel(props: Readonly<Record<string, string | number | boolean>>) {
  const screenId = useLive((s) => s.assignment?.screen.id ?? 'video');
  const settings = toVideoWallProps(props, screenId);
  return <VideoWall {...settings} fit="fill" />;
}
