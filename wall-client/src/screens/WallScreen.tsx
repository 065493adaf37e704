import { type CSSProperties, useEffect, useLayoutEffect, useState } from 'react';
import type { ScreenAssignment } from '../../../protocol/wallLayout';
import { useI18n } from '../i18n/I18nProvider';
import { useLive, useScreenVitals } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { ConnectionBanner } from '../panels/ConnectionBanner';
import { DrillBanner } from '../panels/DrillBanner';
import { PeriodBanner } from '../panels/PeriodBanner';
import { StorageBanner } from '../panels/StorageBanner';
import { WallHeader } from '../panels/WallHeader';
import { ReadyScope, useRenderMode } from '../render/RenderContext';
import { SnapshotFooter } from '../render/SnapshotFooter';
import { bezelGaps, fitCanvas } from './fitCanvas';
import { PANELS } from './panelRegistry';
import { useScreenPage, useWatchdog, watchdogReloads } from './useScreenPages';

function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** Text size on a wall canvas: the same share of the height as the overview's 1.85vh. */
const REM_SHARE = 0.0185;

/**
 * One screen of a multi-screen wall (`/?wall=hall-1&screen=centre`): the layout file says its
 * canvas and panels; it is laid out at the canvas size and scaled to the window.
 */
export function WallScreen() {
  const { t, lang } = useI18n();
  const assignment = useLive((s) => s.assignment);
  const layoutError = useLive((s) => s.layoutError);
  if (!assignment) {
    return (
      <div className="screen-wait" data-testid="screen-wait">
        {layoutError ? t('screen.notFound', { reason: layoutError }) : t('screen.waiting')}
      </div>
    );
  }
  return <WallCanvas key={`${assignment.wall}/${assignment.screen.id}/${lang}`} assignment={assignment} />;
}

/** A snapshot shows the page it was asked for (the one the screen showed), else the first. */
function snapshotPage(): string | null {
  return new URLSearchParams(window.location.search).get('page') ?? '';
}

function WallCanvas({ assignment }: { assignment: ScreenAssignment }) {
  const { lang } = useI18n();
  const pack = useRegion();
  const vitals = useScreenVitals();
  const connection = useLive((s) => s.connection);
  const viewport = useWindowSize();
  const snapshot = useRenderMode()?.kind === 'snapshot';
  const screen = assignment.screen;
  const page = useScreenPage(screen, snapshot ? snapshotPage() : null);
  useWatchdog(screen, page, !snapshot);
  useEffect(() => vitals.setPage(page.id), [vitals, page]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = `${screen.canvas.height * REM_SHARE}px`;
    return () => {
      root.style.fontSize = before;
    };
  }, [screen.canvas.height]);

  // A snapshot is the canvas at its own size (the footer strip goes below it).
  const fit = snapshot
    ? { scale: 1, offsetX: 0, offsetY: 0 }
    : fitCanvas(screen.canvas, viewport.width, viewport.height);
  const canvasStyle: CSSProperties = {
    width: screen.canvas.width,
    height: screen.canvas.height,
    transform: `translate(${fit.offsetX}px, ${fit.offsetY}px) scale(${fit.scale})`,
  };
  const pageStyle: CSSProperties = {
    gridTemplateColumns: page.columns,
    gridTemplateRows: page.rows,
    gridTemplateAreas: page.areas.map((row) => `"${row}"`).join(' '),
    ...(screen.bezel
      ? { columnGap: Math.max(screen.bezel.px, 12), rowGap: Math.max(screen.bezel.px, 12) }
      : {}),
  };
  const gaps = screen.bezel ? bezelGaps(screen.canvas, screen.bezel) : null;
  const regionName = pack ? (lang === 'en' ? pack.region.nameEn : pack.region.name) : '';
  return (
    <div className="wall-viewport">
      <div
        className={`wall-canvas screen ${connection === 'live' ? '' : 'not-live'}`}
        style={canvasStyle}
        data-testid="wall-screen"
        data-wall={assignment.wall}
        data-screen={screen.id}
        data-page={page.id}
        data-reloads={watchdogReloads()}
      >
        <WallHeader regionName={regionName} screenTitle={screen.title ?? screen.id} />
        <ConnectionBanner />
        <DrillBanner />
        <StorageBanner />
        <PeriodBanner inControl={Object.values(page.panels).some((p) => p.panel === 'period-control')} />
        <main className="wall-page" style={pageStyle}>
          {Object.entries(page.panels).map(([area, placement]) => {
            const Panel = PANELS[placement.panel];
            return (
              <div key={area} className="wall-cell" style={{ gridArea: area }} data-panel={placement.panel}>
                <ReadyScope name={placement.panel}>
                  <Panel {...placement.props} />
                </ReadyScope>
              </div>
            );
          })}
        </main>
        {gaps?.columns.map((x) => (
          <div
            key={`c${x}`}
            className="bezel bezel-v"
            style={{ left: x - (screen.bezel?.px ?? 0) / 2, width: screen.bezel?.px }}
          />
        ))}
        {gaps?.rows.map((y) => (
          <div
            key={`r${y}`}
            className="bezel bezel-h"
            style={{ top: y - (screen.bezel?.px ?? 0) / 2, height: screen.bezel?.px }}
          />
        ))}
      </div>
      {snapshot && (
        <SnapshotFooter
          wallName={assignment.wallName}
          screenTitle={screen.title ?? screen.id}
          canvas={screen.canvas}
        />
      )}
    </div>
  );
}
