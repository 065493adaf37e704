import { useI18n } from '../i18n/I18nProvider';
import { useLive } from '../live/LiveModelProvider';
import { useRegion } from '../live/RegionProvider';
import { AlarmList } from '../panels/AlarmList';
import { CaseDeadlineList } from '../panels/CaseDeadlineList';
import { ConnectionBanner } from '../panels/ConnectionBanner';
import { DrillBanner } from '../panels/DrillBanner';
import { KpiTiles } from '../panels/KpiTiles';
import { MapPanel } from '../panels/map/MapPanel';
import { PeriodBanner } from '../panels/PeriodBanner';
import { PeriodControl } from '../panels/PeriodControl';
import { StorageBanner } from '../panels/StorageBanner';
import { VideoWall } from '../panels/video/VideoWall';
import { WallHeader } from '../panels/WallHeader';

/** `/`: the one-screen overview — panels left, the map in the centre, video and deadlines right. */
export function OverviewScreen() {
  const { lang } = useI18n();
  const pack = useRegion();
  const connection = useLive((s) => s.connection);
  const regionName = pack ? (lang === 'en' ? pack.region.nameEn : pack.region.name) : '';
  return (
    <div className={`screen overview ${connection === 'live' ? '' : 'not-live'}`} data-testid="overview">
      <WallHeader regionName={regionName} />
      <ConnectionBanner />
      <DrillBanner />
      <StorageBanner />
      <PeriodBanner />
      <main className="overview-body">
        <div className="col left">
          <PeriodControl status={false} />
          <KpiTiles />
          <AlarmList rows={9} />
        </div>
        <div className="col centre">
          <MapPanel />
        </div>
        <div className="col right">
          <VideoWall panel="overview" layout="2x2" decoders={4} />
          <CaseDeadlineList rows={6} />
        </div>
      </main>
    </div>
  );
}
