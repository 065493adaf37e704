/**
 * The simulated camera catalogue, as a GB/T 28181 platform would list it: 20-digit channel
 * ids, one HLS URL per channel from the media server, cameras clustered at the key places
 * (squares, police stations, schools, markets, hospitals, key roads) of the region pack.
 */
import type { Place, PlaceKind, RegionPack } from '../live-model/region/types';
import type { CameraInput } from '../protocol/schemas';
import type { Random } from './createRandom';

const PER_PLACE: Record<PlaceKind, [number, number]> = {
  square: [3, 5],
  station: [2, 3],
  school: [1, 2],
  market: [1, 2],
  hospital: [1, 2],
  road: [2, 3],
  village: [0, 1],
};

/** Tour groups of the video wall, by place kind. */
export const CAMERA_GROUP_OF: Record<PlaceKind, string> = {
  square: 'squares',
  station: 'stations',
  school: 'schools',
  market: 'markets',
  hospital: 'hospitals',
  road: 'key-roads',
  village: 'villages',
};

const SIDES = ['东', '南', '西', '北', '出入口', '中心'];
const SOURCES = ['雪亮工程', '慧眼工程', '公安视频专网', '交通监控', '城管视频', '学校安防'];

/** Moves a point by metres east/north. */
export function offsetMeters(lon: number, lat: number, east: number, north: number): [number, number] {
  const dLat = north / 111_320;
  const dLon = east / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [Math.round((lon + dLon) * 1e6) / 1e6, Math.round((lat + dLat) * 1e6) / 1e6];
}

/**
 * A GB/T 28181 id: 8-digit centre code, 2-digit industry, 3-digit type (132 = IP camera),
 * 7-digit serial.
 */
export function gb28181Id(adcode: string, serial: number): string {
  return `${adcode.padEnd(8, '0').slice(0, 8)}00132${String(serial).padStart(7, '0')}`;
}

export interface SimCamera extends CameraInput {
  placeId: string;
}

export function createCameraCatalogue(pack: RegionPack, random: Random, updatedAt: string): SimCamera[] {
  const cameras: SimCamera[] = [];
  const places = pack.places.filter((p) => p.kind !== 'village' || random.chance(0.35));
  for (const place of places) {
    const [min, max] = PER_PLACE[place.kind];
    const n = random.int(min, max);
    for (let i = 0; i < n; i++)
      cameras.push(makeCamera(pack, place, cameras.length + 1, i, random, updatedAt));
  }
  return cameras;
}

function makeCamera(
  pack: RegionPack,
  place: Place,
  serial: number,
  index: number,
  random: Random,
  updatedAt: string,
): SimCamera {
  const id = gb28181Id(pack.region.adcode, serial);
  const [lon, lat] = offsetMeters(place.lon, place.lat, random.int(-60, 60), random.int(-60, 60));
  const kind = random.weighted([
    ['fixed', 5],
    ['dome', 3],
    ['ptz', 2],
  ] as const);
  const status = random.weighted([
    ['online', 96],
    ['offline', 3],
    ['fault', 1],
  ] as const);
  const side = SIDES[index % SIDES.length];
  return {
    id,
    name: `${place.name}${side}${kind === 'ptz' ? '球机' : '枪机'}`,
    lon,
    lat,
    townshipId: place.townshipId,
    gridId: place.gridId,
    kind,
    ...(kind === 'ptz' ? {} : { heading: random.int(0, 359), fov: random.int(55, 100) }),
    status,
    streamUrl: `/media/${id}/index.m3u8`,
    source: random.pick(SOURCES),
    groups: [CAMERA_GROUP_OF[place.kind]],
    updatedAt,
    placeId: place.id,
  };
}
