import { memo, useEffect, useRef, useState } from 'react';
import type { CameraStatus } from '../../../../protocol/schemas';
import type { Takeover } from '../../../../protocol/video';
import { formatClock } from '../../format/formatTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useLiveStore, useScreenToken } from '../../live/LiveModelProvider';
import { useRenderMode } from '../../render/RenderContext';
import type { TileRole } from './buildTilePlan';
import { createPlaybackCounters, createTilePlayer, type PlayerStatus } from './createTilePlayer';
import { useSnapshotTile } from './useSnapshotTile';
import { stillUrlOf, useStillFrame } from './useStillFrame';

export interface VideoTileProps {
  slot: number;
  cameraId: string | null;
  name: string;
  area: string;
  cameraStatus: CameraStatus | null;
  streamUrl: string | null;
  live: boolean;
  role: TileRole;
  takeover: Takeover | null;
  tz: string;
  onPin: (slot: number, cameraId: string | null) => void;
}

export type TileState = 'empty' | 'offline' | 'fault' | 'still' | PlayerStatus['state'];

const VEIL: Partial<Record<TileState, MessageKey>> = {
  empty: 'video.veil.empty',
  connecting: 'video.veil.connecting',
  stalled: 'video.veil.stalled',
  retrying: 'video.veil.retrying',
  fault: 'video.veil.cameraFault',
};

/**
 * One video tile: the live picture (or a still when it has no decoder), the camera's name
 * and area, its state and the stream's time; an alarm badge when an alarm brought it up.
 * The player lives as long as the tile shows the same channel live — other data changes
 * never re-create it.
 */
export const VideoTile = memo(function VideoTile(props: VideoTileProps) {
  const { slot, cameraId, cameraStatus, streamUrl, live, role, takeover, tz } = props;
  const { t } = useI18n();
  const token = useScreenToken();
  const store = useLiveStore();
  const videoRef = useRef<HTMLVideoElement>(null);
  const figureRef = useRef<HTMLElement>(null);
  const counters = useRef(createPlaybackCounters());
  const [status, setStatus] = useState<PlayerStatus | null>(null);
  const playable = cameraStatus === 'online' && streamUrl !== null;
  // A snapshot shows each channel's current still (the frame the media server has now): no
  // decoder to start, nothing half-loaded in the picture.
  const render = useRenderMode();
  const playing = live && playable && render === null;

  useEffect(() => {
    const video = videoRef.current;
    if (!playing || !video || !streamUrl) return;
    const c = counters.current;
    // Counters on the element, for the benchmark and for engineers at the wall's devtools.
    const mark = () => {
      const d = figureRef.current?.dataset;
      if (!d) return;
      d.loads = String(c.loads);
      d.stalls = String(c.stalls);
      d.ttffMs = c.ttffMs === null ? '' : String(c.ttffMs);
      d.frames = String(c.frames);
      d.dropped = String(c.dropped);
    };
    const player = createTilePlayer({
      video,
      url: streamUrl,
      token,
      counters: c,
      serverNow: () => Date.now() + store.getState().serverOffsetMs,
      onStatus: (s) => {
        setStatus(s);
        mark();
      },
    });
    mark();
    return () => {
      player.destroy();
      setStatus(null);
      mark();
    };
  }, [playing, streamUrl, token, store]);

  const still = useStillFrame(!playing && playable ? stillUrlOf(streamUrl) : null);
  const snapshot = useSnapshotTile(render !== null, !playing && playable, cameraId, still);

  const state: TileState = !cameraId
    ? 'empty'
    : cameraStatus === 'offline' || cameraStatus === 'fault'
      ? cameraStatus
      : playing
        ? (status?.state ?? 'connecting')
        : still.state === 'offline'
          ? 'offline'
          : 'still';
  const time = playing ? (status?.streamTime ?? null) : still.at;
  const veil =
    state === 'offline'
      ? cameraStatus === 'offline'
        ? 'video.veil.cameraOffline'
        : 'video.veil.offline'
      : state === 'still' && snapshot.noPicture
        ? 'video.veil.noPicture'
        : VEIL[state];
  const pinned = role === 'pinned';

  return (
    <figure
      ref={figureRef}
      className={`tile tile-${state} tile-role-${role}${takeover ? ` tile-alarm tile-alarm-${takeover.severity}` : ''}`}
      data-slot={slot}
      data-camera-id={cameraId ?? ''}
      data-state={state}
      data-role={role}
      data-live={playing ? 'true' : 'false'}
      {...(render ? { 'data-ready': snapshot.ready ? 'true' : 'false' } : {})}
    >
      {playing && <video ref={videoRef} className="picture" muted playsInline disablePictureInPicture />}
      {!playing && still.src && state === 'still' && (
        <img className="picture still" src={still.src} alt="" onLoad={() => snapshot.loaded(still.src)} />
      )}
      {veil && (
        <div className="veil" data-testid="tile-veil">
          <span>{t(veil)}</span>
          {veil === 'video.veil.noPicture' && <small>{props.name}</small>}
          {state === 'stalled' && time !== null && (
            <small>{t('video.lastPicture', { t: formatClock(time, tz) })}</small>
          )}
        </div>
      )}
      {(takeover || role === 'focus') && (
        <div className={`tile-badge ${takeover ? `badge-${takeover.severity}` : 'badge-focus'}`}>
          {takeover ? (
            <>
              <b>{t(takeover.severity === 'red' ? 'video.alarm.red' : 'video.alarm.yellow')}</b>
              <span>{takeover.category}</span>
              <span>{formatClock(Date.parse(takeover.alarmAt), tz).slice(0, 5)}</span>
              <small>{t(`video.reason.${takeover.reason}`, { d: takeover.distanceM ?? 0 })}</small>
            </>
          ) : (
            <b>{t('video.focus')}</b>
          )}
        </div>
      )}
      {cameraId && (
        <button
          type="button"
          className={`pin${pinned ? ' pinned' : ''}`}
          aria-pressed={pinned}
          title={t(pinned ? 'video.unpin' : 'video.pin')}
          onClick={() => props.onPin(slot, pinned ? null : cameraId)}
        >
          {pinned ? t('video.pinned') : '⚲'}
        </button>
      )}
      <figcaption>
        <span className="name">
          {props.name}
          {props.area && <small> · {props.area}</small>}
        </span>
        <span className={`state state-${state}`} data-testid="tile-state">
          <i className="dot" />
          {t(`video.state.${state}`)}
        </span>
        <time className="stream-time">{time !== null ? formatClock(time, tz) : '--:--:--'}</time>
      </figcaption>
    </figure>
  );
});
