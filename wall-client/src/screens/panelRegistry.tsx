/**
 * Which component draws each panel name of the wall layout file (protocol/wallLayout.ts).
 * The compiler insists that every name has one.
 */
import type { ComponentType } from 'react';
import type { PanelName } from '../../../protocol/wallLayout';
import { AlarmList } from '../panels/AlarmList';
import { CaseDeadlineList } from '../panels/CaseDeadlineList';
import { CasePipeline } from '../panels/CasePipeline';
import { CategoryRanking } from '../panels/CategoryRanking';
import { FeedStatus } from '../panels/FeedStatus';
import { FocusDetails } from '../panels/FocusDetails';
import { KpiTiles } from '../panels/KpiTiles';
import { KpiTrendTiles } from '../panels/KpiTrendTiles';
import { MapPanel } from '../panels/map/MapPanel';
import { PeaceTrend } from '../panels/PeaceTrend';
import { PeriodControl } from '../panels/PeriodControl';
import { RedGrids } from '../panels/RedGrids';
import { TownshipRanking } from '../panels/TownshipRanking';
import { TownshipSituation } from '../panels/TownshipSituation';
import { VideoWallPanel } from '../panels/video/VideoWallPanel';

export type PanelProps = Record<string, string | number | boolean>;

export const PANELS: Record<PanelName, ComponentType<PanelProps>> = {
  kpis: () => <KpiTiles />,
  'alarm-list': (p) => <AlarmList rows={Number(p.rows ?? 10)} />,
  'case-deadlines': (p) => <CaseDeadlineList rows={Number(p.rows ?? 6)} />,
  'township-situation': () => <TownshipSituation />,
  'camera-tiles': (p) => <VideoWallPanel {...p} />,
  'focus-details': () => <FocusDetails />,
  'feed-status': () => <FeedStatus />,
  'kpi-trends': () => <KpiTrendTiles />,
  'peace-trend': () => <PeaceTrend />,
  'case-pipeline': () => <CasePipeline />,
  'township-ranking': () => <TownshipRanking />,
  'category-ranking': (p) => <CategoryRanking rows={Number(p.rows ?? 8)} />,
  'red-grids': (p) => <RedGrids rows={Number(p.rows ?? 6)} />,
  'period-control': () => <PeriodControl />,
  'risk-map': (p) => <MapPanel card={p.card !== false} />,
};
