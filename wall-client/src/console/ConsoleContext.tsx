import { createContext, useContext } from 'react';
import type { ConsoleFetch, ConsoleSession } from './consoleSession';

export interface ConsoleContextValue {
  session: ConsoleSession;
  desk: string;
  /** fetch with the session token and the desk name; a 401 ends the session. */
  consoleFetch: ConsoleFetch;
  logout(): void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

/** Who is at this console, and how its panels call the gateway. */
export function useConsole(): ConsoleContextValue {
  const ctx = useContext(ConsoleContext);
  if (!ctx) throw new Error('useConsole outside the console');
  return ctx;
}
