/**
 * The risk map as a self-contained panel: it fills its container, loads nothing from the
 * network, and follows the wall's shared view (focus, auto-focus). The map and its overlay are
 * created once; data flow in through the store's model updates, never through re-renders.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import './mapPanel.css';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useLive, useLiveStore, useSetWallView } from '../../live/LiveModelProvider';
import { useRegion } from '../../live/RegionProvider';
import {
  createMapController,
  EMPTY_COUNTS,
  type MapController,
  type MapViewState,
} from './createMapController';
import { DataQualityCard } from './DataQualityCard';
import { drawIconAtlas } from './drawMapImages';
import { MapChrome } from './MapChrome';
import { MapDetailsCard } from './MapDetailsCard';
import { MapLegend } from './MapLegend';
import { stepAttention } from './mapFocus';

const NOT_READY: MapViewState = {
  ready: false,
  zoom: 0,
  bearing: 0,
  counts: EMPTY_COUNTS,
  pulseIds: [],
  haloIds: [],
  dataQuality: [],
};
const noController = () => () => undefined;

function useMapState(controller: MapController | null): MapViewState {
  return useSyncExternalStore(controller ? controller.subscribe : noController, () =>
    controller ? controller.getState() : NOT_READY,
  );
}

/**
 * @param card show the details card of the focused item on the map (leave it to a
 *   focus-details panel beside the map on a wall screen).
 */
export function MapPanel({ card = true }: { card?: boolean }) {
  const pack = useRegion();
  const store = useLiveStore();
  const setView = useSetWallView();
  const { t, lang } = useI18n();
  const view = useLive((s) => s.view);
  const container = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const autoFocus = useRef(view?.autoFocus ?? true);
  autoFocus.current = view?.autoFocus ?? true;
  const langRef = useRef(lang);
  langRef.current = lang;
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const el = container.current;
    if (!pack || !el) return;
    const c = createMapController({
      container: el,
      pack,
      lang: langRef.current,
      // The wall's time, or during a replay the replay clock (pulses and ages follow the replay).
      now: () => {
        const s = store.getState();
        return s.replay ? s.replay.at : Date.now() + s.serverOffsetMs;
      },
      atlas: drawIconAtlas(),
      // The wall's rem follows the screen height (1 rem = 20 px at 1080p): the map follows it.
      scale: Number.parseFloat(getComputedStyle(document.documentElement).fontSize) / 20 || 1,
      onPick: (target) => void setView({ focus: target }),
      onNewRedAlarms: (ids) => {
        const newest = ids.at(-1);
        if (autoFocus.current && newest) void setView({ focus: { kind: 'alarm', id: newest } });
      },
      matterName: (m) => {
        const key = `category.${m}` as MessageKey;
        const text = tRef.current(key);
        return text === undefined || text === key ? m : text;
      },
    });
    const model = store.getState().model;
    if (model) c.reset(model);
    const off = store.onModelUpdate((u) =>
      u.kind === 'snapshot' ? c.reset(u.model) : c.apply(u.model, u.changes),
    );
    setController(c);
    return () => {
      off();
      c.destroy();
      setController(null);
    };
  }, [pack, store, setView]);

  useEffect(() => controller?.setLang(lang), [controller, lang]);

  const focus = view?.focus ?? null;
  const focusKey = focus ? `${focus.kind}:${focus.id}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the focus
  useEffect(() => {
    controller?.setFocus(focus ? { kind: focus.kind, id: focus.id } : null, { fly: true });
  }, [controller, focusKey]);

  const state = useMapState(controller);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!controller) return;
    const step = e.key === 'n' || e.key === 'PageDown' ? 1 : e.key === 'p' || e.key === 'PageUp' ? -1 : 0;
    if (step !== 0) {
      e.preventDefault();
      const next = stepAttention(controller.attention(), focus, step);
      if (next) void setView({ focus: next });
    } else if (e.key === 'Escape') {
      void setView({ focus: null });
    }
  };

  return (
    <section
      className="panel map-panel"
      data-testid="risk-map"
      data-ready={state.ready ? 'true' : 'false'}
      data-incidents={state.counts.incidents}
      data-cameras={state.counts.cameras}
      data-pulses={state.counts.pulses}
      data-pulse-ids={state.pulseIds.join(',')}
      data-halos={state.counts.halos}
      data-halo-ids={state.haloIds.join(',')}
      data-red-grids={state.counts.redGrids}
      data-hotspots={state.counts.hotspots}
      data-data-quality={state.dataQuality.length}
    >
      <div
        ref={container}
        className="map-canvas"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the map is operated by keyboard (N/P/Esc)
        tabIndex={0}
        role="application"
        aria-label={t('map.aria')}
        // Capture: maplibre's own keyboard handler (arrows, +/-) sits on this element.
        onKeyDownCapture={onKeyDown}
      />
      {!state.ready && <div className="map-loading">{t('map.loading')}</div>}
      <MapChrome pack={pack} bearing={state.bearing} onDensity={(ms) => controller?.setDensity(ms)} />
      <MapLegend />
      <DataQualityCard items={state.dataQuality} />
      {card && focus && <MapDetailsCard focus={focus} onClose={() => void setView({ focus: null })} />}
    </section>
  );
}
