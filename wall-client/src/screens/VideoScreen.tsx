import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { ConnectionBanner } from '../panels/ConnectionBanner';
import { parseVideoParams } from '../panels/video/parseVideoParams';
import { VideoWall } from '../panels/video/VideoWall';
import { WallHeader } from '../panels/WallHeader';

/**
 * `/?screen=video`: a whole screen of video tiles (4x4 by default; `layout`, `decoders`,
 * `tour`, `tourSeconds` in the address). The multi-screen wall puts it on the right screen.
 */
export function VideoScreen() {
  const { lang } = useI18n();
  const pack = useRegion();
  const connection = useLive((s) => s.connection);
  const [params] = useState(() => parseVideoParams(window.location.search));
  const regionName = pack ? (lang === 'en' ? pack.region.nameEn : pack.region.name) : '';
  return (
    <div
      className={`screen video-screen ${connection === 'live' ? '' : 'not-live'}`}
      data-testid="video-screen"
    >
      <WallHeader regionName={regionName} />
      <ConnectionBanner />
      <main className="video-body">
        <VideoWall
          panel="video"
          layout={params.layout}
          decoders={params.decoders}
          groups={params.groups}
          tourSeconds={params.tourSeconds}
          fit="fill"
        />
      </main>
    </div>
  );
}
