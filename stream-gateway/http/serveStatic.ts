/**
 * Serves the built wall-client. Routes without a file extension fall back to index.html so
 * that `/console` or `/?wall=hall-1&screen=centre` load the app. While the first build is
 * still running, a page says so and refreshes itself.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mp4': 'video/mp4',
};

const BUILDING_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>正在准备大屏…</title><style>body{background:#050b16;color:#cfe3ff;font:32px/1.5 "Noto Sans CJK SC",sans-serif;display:grid;place-items:center;height:100vh;margin:0}</style></head>
<body><div>大屏前端正在构建，请稍候… / The wall client is being built…</div></body></html>`;

export function createStaticHandler(distDir: string, headers: () => Record<string, string>) {
  const root = resolve(distDir);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(400).end('bad path');
      return;
    }
    const index = join(root, 'index.html');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (extname(rel) !== '' && rel !== '') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      file = index;
    }
    if (!existsSync(file)) {
      res
        .writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '3', ...headers() })
        .end(BUILDING_PAGE);
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const immutable = file.includes(`${join(root, 'assets')}`);
    res.writeHead(200, {
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...headers(),
    });
    createReadStream(file).pipe(res);
  };
}
