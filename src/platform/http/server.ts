import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { AppError } from '../errors.js';
import { problemErrorHandler } from './problem.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface HttpOptions {
  logger: Logger;
  bodyLimitBytes: number;
  trustProxy: boolean;
  version: string;
}

/**
 * A route-level serializer that writes the answer as the handler built it, without zod parsing
 * it again on the way out. Only for hot routes whose handler builds the documented shape field
 * by field (their tests check the answer against the response schema): zod's re-parse of a
 * nested answer costs more than such a route's own work.
 */
export const serializeAsBuilt = () => (data: unknown) => JSON.stringify(data);

/** The server shell: validation, problem+json errors, rate limiting and OpenAPI. Features add routes. */
export async function createHttpServer(options: HttpOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Fastify's two lines per request become our one line in onResponse below.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  // The API speaks JSON only; other bodies get a clear 415 instead of a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler((request) => {
    throw new AppError('route_not_found', `No route ${request.method} ${request.url.split('?')[0]}`);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // One line per request, at debug for health probes so they do not drown the log.
    const level = request.url === '/healthz' || request.url === '/readyz' ? 'debug' : 'info';
    request.log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  // Limits are opted into per route (sign-in); the key falls back for injected requests.
  await app.register(rateLimit, { global: false, keyGenerator: (req) => req.ip ?? 'local' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Frontline API', version: options.version, description: 'Tickets, triage, knowledge and more.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `frontline token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'frontline_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
