import { useCallback, useEffect, useMemo, useRef } from 'react';
import '../../styles/video.css';
import type { Takeover } from '../../../../protocol/video';
import { useI18n } from '../../i18n/I18nProvider';
import { MESSAGES, type MessageKey } from '../../i18n/messages';
import { useApiFetch, useLive } from '../../live/LiveModelProvider';
import { useRegion } from '../../live/RegionProvider';
import {
  buildTilePlan,
  LAYOUT_SLOTS,
  selectTourPage,
  type TileSpec,
  type TourPage,
  type VideoLayout,
} from './buildTilePlan';
import { selectFocusCamera } from './selectFocusCamera';
import { useOnScreen, useTourTick } from './useTourTick';
import { VideoTile } from './VideoTile';

export const DEFAULT_TOUR_GROUPS = ['stations', 'key-roads', 'squares', 'schools', 'markets', 'hospitals'];

export interface VideoWallProps {
  /** Which panel this is (`overview`, `video`…): pins are kept per wall and panel. */
  panel: string;
  layout: VideoLayout;
  /** Live decoders this screen may run; the rest show stills. */
  decoders?: number;
  groups?: readonly string[];
  tourSeconds?: number;
  /** How long the wall's focus holds the focus tile (minutes). */
  focusMinutes?: number;
  /** `width`: 16:9 tiles in a column (overview); `fill`: tiles fill the panel (video screen). */
  fit?: 'width' | 'fill';
}

const EMPTY_TAKEOVERS: Record<string, Takeover> = {};

/**
 * A self-contained video panel: layout 1, 2x2, 3x3, 4x4 or 1+5; tour, alarm takeovers,
 * the wall's focus, pins, and a cap on live decoders. Every screen that shows it reads the
 * same live model, so the same wall shows the same cameras.
 */
export function VideoWall({
  panel,
  layout,
  decoders = 4,
  groups = DEFAULT_TOUR_GROUPS,
  tourSeconds = 20,
  focusMinutes = 10,
  fit = 'width',
}: VideoWallProps) {
  const { t, lang } = useI18n();
  const apiFetch = useApiFetch();
  const pack = useRegion();
  const tz = useLive((s) => s.tz);
  const cameras = useLive((s) => s.model?.cameras ?? null);
  const alarms = useLive((s) => s.model?.alarms ?? null);
  const takeovers = useLive((s) => s.model?.takeovers ?? EMPTY_TAKEOVERS);
  const pinsTable = useLive((s) => s.model?.pins ?? null);
  const view = useLive((s) => s.view);
  const wall = view?.wall ?? 'hall-1';
  const tick = useTourTick(tourSeconds * 1000);
  const [sectionRef, onScreen] = useOnScreen<HTMLElement>();
  const prev = useRef<TileSpec[] | null>(null);
  const slots = LAYOUT_SLOTS[layout];

  const townshipName = useMemo(() => {
    const names = new Map<string, string>();
    for (const f of pack?.townships.features ?? [])
      names.set(f.properties.id, lang === 'en' ? f.properties.nameEn : f.properties.name);
    return names;
  }, [pack, lang]);

  const { tiles, tour } = useMemo(() => {
    const pins = new Map<number, string>();
    for (const p of Object.values(pinsTable ?? {}))
      if (p.wall === wall && p.panel === panel && cameras?.[p.cameraId]) pins.set(p.slot, p.cameraId);
    const focus = cameras
      ? selectFocusCamera(
          { cameras, alarms: alarms ?? {}, takeovers },
          view?.focus ?? null,
          tick.serverNow,
          focusMinutes * 60_000,
        )
      : null;
    let tourPage: TourPage = { group: null, page: 0, pages: 0, cameraIds: [] };
    const plan = buildTilePlan({
      slots,
      prev: prev.current,
      pins,
      takeovers: Object.values(takeovers).filter((x) => cameras?.[x.cameraId]),
      focus,
      tour: (free) => {
        tourPage = selectTourPage(Object.values(cameras ?? {}), groups, tick.index, free);
        return tourPage.cameraIds;
      },
      playable: (id) => cameras?.[id]?.status === 'online',
      budget: decoders,
      visible: () => onScreen,
    });
    return { tiles: plan, tour: tourPage };
  }, [
    slots,
    pinsTable,
    wall,
    panel,
    cameras,
    alarms,
    takeovers,
    view?.focus,
    tick,
    focusMinutes,
    groups,
    decoders,
    onScreen,
  ]);

  useEffect(() => {
    prev.current = tiles;
  }, [tiles]);

  const onPin = useCallback(
    (slot: number, cameraId: string | null) => {
      void apiFetch('/api/video/pins', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ wall, panel, slot, cameraId }),
      });
    },
    [apiFetch, wall, panel],
  );

  const groupKey = `video.group.${tour.group}` as MessageKey;
  const groupName = tour.group ? (groupKey in MESSAGES[lang] ? t(groupKey) : tour.group) : '';
  const liveCount = tiles.filter((x) => x.live).length;

  return (
    <section
      ref={sectionRef}
      className={`panel video-wall fit-${fit}`}
      data-testid={`video-${panel}`}
      data-layout={layout}
    >
      <header className="video-head">
        <h2>{t('video.title')}</h2>
        <span className="tour" data-testid="video-tour">
          {tour.group
            ? t('video.tour', { group: groupName, page: tour.page, pages: tour.pages, s: tourSeconds })
            : !cameras
              ? '\u00a0'
              : tiles.some((x) => x.role === 'empty')
                ? t('video.tourIdle')
                : t('video.tourYield')}
        </span>
        <span className="decoders">{t('video.decoders', { n: liveCount, max: decoders })}</span>
      </header>
      <div className={`video-grid layout-${layout.replace('+', 'p')}`}>
        {tiles.map((tile) => {
          const cam = tile.cameraId ? cameras?.[tile.cameraId] : undefined;
          return (
            <VideoTile
              key={tile.slot}
              slot={tile.slot}
              cameraId={tile.cameraId}
              name={cam?.name ?? ''}
              area={cam?.townshipId ? (townshipName.get(cam.townshipId) ?? '') : ''}
              cameraStatus={cam?.status ?? null}
              streamUrl={cam?.streamUrl ?? null}
              live={tile.live}
              role={tile.role}
              takeover={tile.takeover}
              tz={tz}
              onPin={onPin}
            />
          );
        })}
      </div>
    </section>
  );
}
