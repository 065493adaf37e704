import { useEffect, useState } from 'react';
import { forgetToken, saveToken, takeTokenFromAddress } from '../auth/screenToken';
import { ConsoleApp } from '../console/ConsoleApp';
import { I18nProvider } from '../i18n/I18nProvider';
import { LiveModelProvider, useLive } from '../live/LiveModelProvider';
import { RegionProvider } from '../live/RegionProvider';
import { PeriodDriver } from '../replay/PeriodDriver';
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
      {wallScreen ? <WallScreen /> : <OverviewScreen />}
    </RegionProvider>
  );
}

/** `/console` (and below) is the duty officers' console; everything else is a wall screen. */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/console' || pathname.startsWith('/console/');
}

export function App() {
  return (
    <I18nProvider>{isConsolePath(window.location.pathname) ? <ConsoleApp /> : <WallApp />}</I18nProvider>
  );
}

function WallApp() {
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
        <LiveModelProvider token={token} {...(wall ? { wall } : {})} {...(screen ? { screen } : {})}>
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
