import { useLive } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { useRenderMode } from './RenderContext';
import { RenderSignal } from './RenderSignal';

/** On a screen opened for a snapshot: ready once the screen has its layout, the live model, the region and every panel drawn. */
export function SnapshotSignal() {
  const mode = useRenderMode();
  const hasModel = useLive((s) => s.model !== null);
  const layout = useLive((s) => (s.assignment ? 'ok' : s.layoutError));
  const screen = new URLSearchParams(window.location.search).get('screen');
  const pack = useRegion();
  if (mode?.kind !== 'snapshot') return null;
  const waitingFor = [
    ...(hasModel ? [] : ['live model']),
    ...(pack ? [] : ['region']),
    ...(screen && layout !== 'ok' ? ['layout'] : []),
  ];
  return (
    <RenderSignal
      waitingFor={waitingFor}
      failed={screen && layout && layout !== 'ok' ? layout : null}
      info={() => ({ kind: 'snapshot' })}
    />
  );
}
