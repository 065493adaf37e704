/**
 * The reports directory (DATA_DIR/reports): each generated report is a file named by
 * `reportFileName` and a manifest beside it (`<name>.json`: period, language, who and when,
 * audit entry, the figures and where each comes from). Written atomically (temporary file,
 * then rename), so the list never shows half a file.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReportFileName } from '../../live-model/reports/planReports';
import type { ReportEntry, ReportManifest } from '../../protocol/reports';

export interface ReportFiles {
  dir: string;
  has(name: string): boolean;
  write(manifest: ReportManifest, body: Buffer): void;
  /** Newest period first, then by name. */
  list(): ReportEntry[];
  /** The path of a listed report, or null for any other name. */
  pathOf(name: string): string | null;
}

export function createReportFiles(dir: string): ReportFiles {
  mkdirSync(dir, { recursive: true });
  const pathOf = (name: string) => {
    if (!parseReportFileName(name)) return null;
    const path = join(dir, name);
    try {
      return statSync(path).isFile() ? path : null;
    } catch {
      return null;
    }
  };
  const atomically = (path: string, data: Buffer | string) => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  };
  return {
    dir,
    has: (name) => pathOf(name) !== null,
    pathOf,
    write(manifest, body) {
      if (!parseReportFileName(manifest.name)) throw new Error(`not a report file name: ${manifest.name}`);
      atomically(join(dir, manifest.name), body);
      atomically(join(dir, `${manifest.name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    list() {
      const entries: ReportEntry[] = [];
      for (const name of readdirSync(dir)) {
        const path = pathOf(name);
        if (!path) continue;
        let manifest: Partial<ReportManifest> = {};
        try {
          manifest = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as ReportManifest;
        } catch {
          // A file without its manifest (copied in by hand) is still listed, from its name.
        }
        const parsed = parseReportFileName(name);
        if (!parsed) continue;
        const { figures: _figures, watermark: _watermark, ...meta } = manifest;
        entries.push({
          range: `${parsed.firstDay}..${parsed.lastDay}`,
          pages: 0,
          generatedAt: statSync(path).mtime.toISOString(),
          by: '',
          auditId: 0,
          renderMs: 0,
          ...meta,
          ...parsed,
          name,
          bytes: statSync(path).size,
          url: `/api/reports/${encodeURIComponent(name)}`,
        });
      }
      return entries.sort((a, b) =>
        a.lastDay !== b.lastDay ? (a.lastDay < b.lastDay ? 1 : -1) : a.name < b.name ? -1 : 1,
      );
    },
  };
}
