/**
 * Reading exported PDFs with real tools (poppler-utils: pdfinfo, pdftotext, pdffonts), and
 * the headline figures as the trends API gives them, written as the wall writes them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'wall-pdf-'));

export interface PdfText {
  file: string;
  pages: number;
  size: string;
  /** pdftotext -layout */
  text: string;
  /** In reading order, without layout: columns do not move when a line elsewhere is longer. */
  raw: string;
  /** `text` with every run of white space as one space. */
  flat: string;
  /** pdffonts' rows. */
  fonts: string[];
}

export function pdf(body: Buffer, name: string): PdfText {
  const file = join(out, name);
  writeFileSync(file, body);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return {
    file,
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
    size: /Page size:\s+(.*)/.exec(info)?.[1] ?? '',
    text,
    raw,
    flat: text.replace(/\s+/g, ' '),
    fonts: fonts.split('\n').slice(2).filter(Boolean),
  };
}

/** GET with a bearer token, the body as bytes. */
export async function download(url: string, token: string): Promise<{ res: Response; body: Buffer }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await res.arrayBuffer());
  return { res, body };
}

/** The headline figures as the API gives them, written as the wall writes them. */
export function headline(summary: {
  current: { peaceIndex: number | null; counts: Record<string, number> };
}): Record<string, string> {
  const c = summary.current.counts as Record<string, number>;
  const n = (k: string) => (c[k] as number).toLocaleString('zh-CN');
  return {
    alarms: n('alarms'),
    redAlarms: n('redAlarms'),
    cases: n('cases'),
    breached: n('breached'),
    resolution: `${(Math.min(1, (c.resolved as number) / (c.cases as number)) * 100).toFixed(1)}%`,
    peaceIndex: (summary.current.peaceIndex as number).toFixed(1),
  };
}

/** The summary sentences of a report that carry the headline figures. */
export function headlineSentences(h: Record<string, string>): string[] {
  return [
    `本期全区接报告警 ${h.alarms} 起`,
    `其中红色告警 ${h.redAlarms} 起`,
    `受理矛盾纠纷 ${h.cases} 件，化解率 ${h.resolution}`,
    `本期超期 ${h.breached} 件`,
    `全区平安指数 ${h.peaceIndex}`,
  ];
}
