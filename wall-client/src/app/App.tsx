import { I18nProvider } from '../i18n/I18nProvider';
import { LiveModelProvider } from '../live/LiveModelProvider';
import { RegionProvider } from '../live/RegionProvider';
import { OverviewScreen } from '../screens/OverviewScreen';

/** Picks the screen from the address: `/` is the one-screen overview. */
export function App() {
  return (
    <I18nProvider>
      <RegionProvider>
        <LiveModelProvider>
          <OverviewScreen />
        </LiveModelProvider>
      </RegionProvider>
    </I18nProvider>
  );
}
