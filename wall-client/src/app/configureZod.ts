/**
 * Imported first by main.tsx, before any schema is built. zod compiles fast parsers with
 * `new Function()`; the page's Content-Security-Policy forbids eval, so zod's probe would
 * raise a CSP violation on every screen. Parsing without the JIT is fast enough here.
 */
import { z } from 'zod';

z.config({ jitless: true });
