import { createRegionIndex } from '../../live-model/region/regionIndex';
import type { RegionPack } from '../../live-model/region/types';
import type { PlaceLookup } from '../ingest/parseFeedItem';

/** The ingest's view of a (WGS-84) region pack: where a point falls, which grids exist. */
export function createPlaceLookup(pack: RegionPack): PlaceLookup {
  const index = createRegionIndex(pack);
  return {
    locate: (lon, lat) => index.locate(lon, lat),
    hasGrid: (id) => index.grid(id) !== undefined,
    townshipOfGrid: (id) => index.grid(id)?.properties.townshipId,
  };
}
