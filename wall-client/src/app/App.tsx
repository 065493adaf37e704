import { useEffect, useState } from 'react';
import { forgetToken, saveToken, takeTokenFromAddress } from '../auth/screenToken';
import { ConsoleApp } from '../console/ConsoleApp';
import { I18nProvider } from '../i18n/I18nProvider';
import { LiveModelProvider, useLive } from '../live/LiveModelProvider';
import { RegionProvider } from '../live/RegionProvider';
import { RenderProvider, readRenderMode, useRenderMode } from '../render/RenderContext';
import { SnapshotSignal } from '../render/SnapshotSignal';
import { PeriodDriver } from '../replay/PeriodDriver';
import { ReportApp } from '../report/ReportApp';
import { OverviewScreen } from '../screens/OverviewScreen';
import { TokenGate } from '../screens/TokenGate';
import { WallScreen } from '../screens/WallScreen';

/** Which screen the address asks for: `/` is the one-screen overview. */
function readAddress() {
  const params = new URLSearchParams(window.location.search);
  return { wall: params.get('wall') ?? undefined, screen: params.get('screen') ?? undefined };
}

function Screen({ onRefused, wallScreen }: { onRefused: (reason: string) => void; wallScreen: boolean }) {
  const authError = useLive((s) => s.authError);
  useEffect(() => {
    if (authError) onRefused(authError);
  }, [authError, onRefused]);
  return (
    <RegionProvider>
      <PeriodDriver />
      <SnapshotSignal />
      {wallScreen ? <WallScreen /> : <OverviewScreen />}
    </RegionProvider>
  );
}

/** `/console` (and below) is the duty officers' console; everything else is a wall screen. */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/console' || pathname.startsWith('/console/');
}

/** `/print/…` is the print route of reports, opened by the gateway's renderer. */
export function isPrintPath(pathname: string): boolean {
  return pathname.startsWith('/print/');
}

export function App() {
  const { pathname, search } = window.location;
  return (
    <RenderProvider mode={readRenderMode(pathname, search)}>
      <I18nProvider>
        {isConsolePath(pathname) ? <ConsoleApp /> : isPrintPath(pathname) ? <ReportApp /> : <WallApp />}
      </I18nProvider>
    </RenderProvider>
  );
}

function WallApp() {
  const snapshot = useRenderMode()?.kind === 'snapshot';
  const [token, setToken] = useState<string | null>(() => takeTokenFromAddress());
  const [refused, setRefused] = useState<string | null>(null);
  const [{ wall, screen }] = useState(readAddress);
  const gate = !token || refused !== null;
  return (
    <>
      {gate ? (
        <TokenGate
          reason={refused}
          onToken={(t) => {
            saveToken(t);
            setRefused(null);
            setToken(t);
          }}
        />
      ) : (
        <LiveModelProvider
          token={token}
          passive={snapshot}
          {...(wall ? { wall } : {})}
          {...(screen ? { screen } : {})}
        >
          <Screen
            wallScreen={screen !== undefined}
            onRefused={(reason) => {
              forgetToken();
              setRefused(reason);
            }}
          />
        </LiveModelProvider>
      )}
    </>
  );
}
