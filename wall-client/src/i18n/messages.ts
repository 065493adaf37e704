/**
 * All screen texts, merged from one dictionary per area of the wall (core, map, video,
 * trends, console…). Each area keeps its own file; add yours to the list below. Every key
 * exists in both languages: the type of `MESSAGES.en` must equal that of `zh-CN`.
 */
import { CONSOLE_MESSAGES } from './consoleMessages';
import { CORE_MESSAGES } from './coreMessages';
import { MAP_MESSAGES } from './mapMessages';
import { REPORT_MESSAGES } from './reportMessages';
import { TRENDS_MESSAGES } from './trendsMessages';
import { VIDEO_MESSAGES } from './videoMessages';

export const AREAS = [
  CORE_MESSAGES,
  CONSOLE_MESSAGES,
  TRENDS_MESSAGES,
  VIDEO_MESSAGES,
  REPORT_MESSAGES,
  MAP_MESSAGES,
] as const;

type Merge<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? (H extends { 'zh-CN': infer Z } ? Z : never) & Merge<R>
  : unknown;
type ZhMessages = Merge<typeof AREAS>;

export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof ZhMessages;

export const MESSAGES = {
  'zh-CN': Object.assign({}, ...AREAS.map((a) => a['zh-CN'])) as Record<MessageKey, string>,
  en: Object.assign({}, ...AREAS.map((a) => a.en)) as Record<MessageKey, string>,
};
