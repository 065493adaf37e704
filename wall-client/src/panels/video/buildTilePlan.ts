/**
 * Which camera each video tile shows, and which tiles get a live decoder — pure, so that
 * every screen with the same inputs shows the same, and the rules are tested without a
 * browser. Pinned tiles never change; the newest red alarm (or the wall's focus, whichever
 * is newer) takes the focus tile; other alarm cameras keep the tile they already have, so
 * nothing hops; the tour fills what is left. Live decoders go by priority.
 */
import type { Takeover } from '../../../../protocol/video';

export const LAYOUT_SLOTS = { '1': 1, '2x2': 4, '3x3': 9, '4x4': 16, '1+5': 6 } as const;
export type VideoLayout = keyof typeof LAYOUT_SLOTS;
export const VIDEO_LAYOUTS = Object.keys(LAYOUT_SLOTS) as VideoLayout[];

export type TileRole = 'alarm-red' | 'focus' | 'pinned' | 'alarm-yellow' | 'tour' | 'empty';

/** Who gets a live decoder first. */
export const ROLE_PRIORITY: Record<TileRole, number> = {
  'alarm-red': 5,
  focus: 4,
  pinned: 3,
  'alarm-yellow': 2,
  tour: 1,
  empty: 0,
};

export interface TileSpec {
  slot: number;
  cameraId: string | null;
  role: TileRole;
  /** The alarm takeover on this tile's camera, if any (a pinned camera may carry one too). */
  takeover: Takeover | null;
  /** A live decoder (else a still frame refreshed now and then). */
  live: boolean;
}

export interface TilePlanInput {
  slots: number;
  /** The previous plan: cameras stay where they are while they are still wanted. */
  prev: readonly TileSpec[] | null;
  /** Pinned tiles: slot → camera. */
  pins: ReadonlyMap<number, string>;
  /** Active takeovers for this wall. */
  takeovers: readonly Takeover[];
  /** The wall's focus, resolved to a camera (null when none or when it is too old). */
  focus: { cameraId: string; at: string } | null;
  /** The tour's cameras for the current page, given how many tiles are left for it. */
  tour: (free: number) => readonly string[];
  /** Cameras that can play (online); others show their state without a decoder. */
  playable: (cameraId: string) => boolean;
  /** Live decoders this screen may run. */
  budget: number;
  /** Tiles on screen (off-screen tiles get no decoder). */
  visible?: (slot: number) => boolean;
}

interface Wanted {
  cameraId: string;
  role: TileRole;
  at: string;
}

const newestFirst = (a: { at: string }, b: { at: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/**
 * The tiles of one video panel.
 * @example
 * buildTilePlan({ slots: 4, prev: null, pins: new Map(), takeovers: [red], focus: null,
 *   tour: () => ['A', 'B', 'C'], playable: () => true, budget: 4 })
 * // [{ slot: 0, cameraId: red.cameraId, role: 'alarm-red', … }, { slot: 1, cameraId: 'A', role: 'tour', … }, …]
 */
export function buildTilePlan(input: TilePlanInput): TileSpec[] {
  const { slots, prev, pins } = input;
  const cams: (Wanted | null)[] = Array.from({ length: slots }, () => null);
  const shown = new Set<string>();
  for (const [slot, cameraId] of pins)
    if (slot >= 0 && slot < slots) {
      cams[slot] = { cameraId, role: 'pinned', at: '' };
      shown.add(cameraId);
    }
  const free = () => cams.reduce((n, c) => n + (c ? 0 : 1), 0);
  const freeAtStart = free();

  // Alarm cameras and the focus, in priority order, once per camera.
  const reds = input.takeovers
    .filter((t) => t.severity === 'red')
    .map((t): Wanted => ({ cameraId: t.cameraId, role: 'alarm-red', at: t.startedAt }));
  if (input.focus) reds.push({ cameraId: input.focus.cameraId, role: 'focus', at: input.focus.at });
  const promoted: Wanted[] = [];
  const promote = (list: Wanted[]) => {
    for (const w of list) {
      if (shown.has(w.cameraId) || promoted.length >= freeAtStart) continue;
      shown.add(w.cameraId);
      promoted.push(w);
    }
  };
  promote(reds.sort(newestFirst));
  // Yellow alarms leave at least half of the remaining tiles to the tour.
  const yellowRoom = Math.ceil((freeAtStart - promoted.length) / 2);
  promote(
    input.takeovers
      .filter((t) => t.severity === 'yellow' && !shown.has(t.cameraId))
      .map((t): Wanted => ({ cameraId: t.cameraId, role: 'alarm-yellow', at: t.startedAt }))
      .sort(newestFirst)
      .slice(0, yellowRoom),
  );

  const prevSlot = new Map<string, number>();
  for (const t of prev ?? []) if (t.cameraId && t.role !== 'pinned') prevSlot.set(t.cameraId, t.slot);
  /** Keeps each camera in its previous tile when that is free; new ones avoid the focus tile. */
  const place = (list: Wanted[], focusSlot: number) => {
    const rest: Wanted[] = [];
    for (const w of list) {
      const s = prevSlot.get(w.cameraId);
      if (s !== undefined && s < slots && !cams[s] && s !== focusSlot) cams[s] = w;
      else rest.push(w);
    }
    for (const w of rest) {
      let s = cams.findIndex((c, i) => !c && i !== focusSlot);
      if (s < 0) s = cams.indexOf(null);
      if (s >= 0) cams[s] = w;
    }
  };

  // The focus tile: the first one not pinned (the large one in 1+5).
  const focusSlot = cams.indexOf(null);
  const head = promoted[0];
  const headTakesFocus = head !== undefined && focusSlot >= 0 && head.role !== 'alarm-yellow';
  if (headTakesFocus) cams[focusSlot] = head;
  place(headTakesFocus ? promoted.slice(1) : promoted, focusSlot);

  // A tour camera already shown (as an alarm's) leaves a gap: ask for as many more.
  const left = free();
  let tourIds = input.tour(left).filter((id) => !shown.has(id));
  if (tourIds.length < left) tourIds = input.tour(left + shown.size).filter((id) => !shown.has(id));
  const tourCams = tourIds.slice(0, left).map((cameraId): Wanted => ({ cameraId, role: 'tour', at: '' }));
  place(tourCams, -1);

  const takeoverOf = new Map<string, Takeover>();
  for (const t of [...input.takeovers].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1))) {
    const had = takeoverOf.get(t.cameraId);
    if (had?.severity !== 'red' || t.severity === 'red') takeoverOf.set(t.cameraId, t);
  }
  const tiles: TileSpec[] = cams.map((w, slot) => ({
    slot,
    cameraId: w?.cameraId ?? null,
    role: w?.role ?? 'empty',
    takeover: w ? (takeoverOf.get(w.cameraId) ?? null) : null,
    live: false,
  }));
  grantDecoders(tiles, input, cams);
  return tiles;
}

/** The `budget` highest-priority playable, visible tiles get live decoders; newest reds first. */
function grantDecoders(tiles: TileSpec[], input: TilePlanInput, cams: (Wanted | null)[]): void {
  const candidates = tiles.filter(
    (t) => t.cameraId && input.playable(t.cameraId) && (input.visible?.(t.slot) ?? true),
  );
  const atOf = (t: TileSpec) => ({ at: cams[t.slot]?.at ?? '' });
  candidates.sort(
    (a, b) =>
      ROLE_PRIORITY[b.role] - ROLE_PRIORITY[a.role] || newestFirst(atOf(a), atOf(b)) || a.slot - b.slot,
  );
  for (const t of candidates.slice(0, Math.max(0, input.budget))) t.live = true;
}

/** One page of the tour: the group it shows and its cameras. */
export interface TourPage {
  group: string | null;
  page: number;
  pages: number;
  cameraIds: string[];
}

/**
 * The tour's page at `pageIndex` (the clock divided by the tour interval): the configured
 * groups in turn, each cut into pages of `size` online cameras (a short last page filled from
 * the group's start).
 * @example selectTourPage(cameras, ['stations', 'key-roads'], Math.floor(now / 20_000), 4)
 */
export function selectTourPage(
  cameras: Iterable<{ id: string; status: string; groups?: string[] | undefined }>,
  groups: readonly string[],
  pageIndex: number,
  size: number,
): TourPage {
  if (size <= 0) return { group: null, page: 0, pages: 0, cameraIds: [] };
  const byGroup = new Map<string, string[]>(groups.map((g) => [g, []]));
  for (const c of cameras) {
    if (c.status !== 'online') continue;
    for (const g of c.groups ?? []) byGroup.get(g)?.push(c.id);
  }
  const pages: TourPage[] = [];
  for (const g of groups) {
    const ids = (byGroup.get(g) ?? []).sort();
    const count = Math.ceil(ids.length / size);
    for (let p = 0; p < count; p++) {
      const cameraIds = ids.slice(p * size, (p + 1) * size);
      // A short last page is filled from the group's start: no empty tiles in a tour.
      if (cameraIds.length < size && ids.length >= size)
        cameraIds.push(...ids.slice(0, size - cameraIds.length));
      pages.push({ group: g, page: p + 1, pages: count, cameraIds });
    }
  }
  if (pages.length === 0) return { group: null, page: 0, pages: 0, cameraIds: [] };
  return pages[((pageIndex % pages.length) + pages.length) % pages.length] as TourPage;
}
