import type { App } from './server.js';

/**
 * Lets routes take plain HTML form posts (`application/x-www-form-urlencoded`), parsed into a
 * flat object (the last value of a repeated field wins). Several features serve forms; the
 * parser is added once per scope, so registering it again is harmless.
 */
export function acceptForms(app: App): void {
  if (app.hasContentTypeParser('application/x-www-form-urlencoded')) return;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}
