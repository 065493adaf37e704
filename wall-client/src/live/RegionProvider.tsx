import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { RegionPack } from '../../../live-model/region/types';
import { useApiFetch } from './LiveModelProvider';

const RegionContext = createContext<RegionPack | null>(null);

/** Loads the region pack (outline, townships, grids, places; WGS-84) once from the gateway. */
export function RegionProvider({ children }: { children: ReactNode }) {
  const [pack, setPack] = useState<RegionPack | null>(null);
  const apiFetch = useApiFetch();
  useEffect(() => {
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      apiFetch('/api/region')
        .then((r) => (r.ok ? (r.json() as Promise<RegionPack>) : Promise.reject(new Error(String(r.status)))))
        .then((p) => {
          if (!stop) setPack(p);
        })
        .catch(() => {
          if (!stop) retry = setTimeout(load, 3000);
        });
    };
    load();
    return () => {
      stop = true;
      clearTimeout(retry);
    };
  }, [apiFetch]);
  return <RegionContext.Provider value={pack}>{children}</RegionContext.Provider>;
}

/** The region pack, or null while it loads. */
export function useRegion(): RegionPack | null {
  return useContext(RegionContext);
}
