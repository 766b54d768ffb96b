import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../platform/http/server.js';

/** Where `npm run build` puts the console (from src/console or dist/console alike: the project root's dist/web). */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The agent console: the React app built into dist/web, served at /app. Files under /app/assets
 * carry a content hash in their names and are cached for a year; every other path under /app is
 * a page of the app and gets index.html (never cached, so a new release is picked up at once).
 */
export function registerConsoleRoutes(app: App): void {
  const index = async () => readFile(join(WEB_ROOT, 'index.html'));
  const page = async (_request: unknown, reply: import('fastify').FastifyReply) => {
    try {
      return reply.header('cache-control', 'no-cache').type(TYPES['.html']!).send(await index());
    } catch {
      return reply.status(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build`.');
    }
  };
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/', 302));
  app.get('/app', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/', 301));
  app.get('/app/', { schema: { hide: true } }, page);
  app.get('/app/*', { schema: { hide: true } }, async (request, reply) => {
    const rest = (request.params as { '*': string })['*'];
    if (!rest.startsWith('assets/')) return page(request, reply);
    const file = normalize(join(WEB_ROOT, rest));
    // normalize() resolves any `..`: the file must still be inside the build folder.
    if (!file.startsWith(WEB_ROOT.endsWith(sep) ? WEB_ROOT : WEB_ROOT + sep)) return reply.status(404).send();
    try {
      const body = await readFile(file);
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type(TYPES[extname(file)] ?? 'application/octet-stream').send(body);
    } catch {
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    }
  });
}
