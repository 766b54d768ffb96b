import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/tables.js';
import { constraintViolation } from '../db/dialect.js';
import { AppError } from '../errors.js';
import type { App } from './server.js';

const HEADER = 'idempotency-key';
const KEEP_MS = 24 * 60 * 60 * 1000;
/** A claim older than this whose request never finished (a crash) may be taken over. */
const ABANDONED_AFTER_MS = 60 * 1000;
const IN_PROGRESS = 0;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

/**
 * `Idempotency-Key` on POST: the first request with a key claims it; a retry with the same key
 * and body gets the first response back and creates nothing; a different body with the same key
 * is refused. Keys are scoped to the caller and kept for 24 hours.
 */
export function registerIdempotency(app: App, db: Kysely<Database>, clock: Clock): void {
  const handleKey = async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers[HEADER];
    if (typeof key !== 'string') return;
    if (key.length < 1 || key.length > 255) throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 characters');
    // Scope by caller so that two clients can never read each other's responses.
    const scope = request.principal ? `${request.principal.kind}:${request.principal.tokenId ?? request.principal.userId}` : `ip:${request.ip}`;
    const fingerprint = fingerprintOf(request);
    const now = clock.now();
    const replayed = await claimOrReplay(db, { scope, key, fingerprint, now });
    if (replayed) {
      reply.header('idempotent-replayed', 'true');
      return reply.status(replayed.status).type(replayed.contentType).send(replayed.body);
    }
    request.idempotency = { scope, key };
  };

  // Appended after each POST route's own preHandlers, so the caller is known when the key is scoped.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST')) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [...existing, handleKey];
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500) {
      // A server fault is not an answer: release the key so the client can retry.
      await db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
      return payload;
    }
    const contentType = String(reply.getHeader('content-type') ?? 'application/json');
    await db
      .updateTable('idempotency_keys')
      .set({ status_code: reply.statusCode, response_body: JSON.stringify({ contentType, body: String(payload ?? '') }) })
      .where('scope', '=', claim.scope)
      .where('key', '=', claim.key)
      .execute();
    return payload;
  });
}

function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
}

interface Replay {
  status: number;
  contentType: string;
  body: string;
}

async function claimOrReplay(
  db: Kysely<Database>,
  claim: { scope: string; key: string; fingerprint: string; now: Date },
): Promise<Replay | null> {
  const createdAt = claim.now.toISOString();
  try {
    await db
      .insertInto('idempotency_keys')
      .values({
        scope: claim.scope,
        key: claim.key,
        fingerprint: claim.fingerprint,
        status_code: IN_PROGRESS,
        response_body: '',
        created_at: createdAt,
        expires_at: new Date(claim.now.getTime() + KEEP_MS).toISOString(),
      })
      .execute();
    return null;
  } catch (error) {
    if (constraintViolation(error) !== 'unique') throw error;
  }
  const existing = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!existing) return claimOrReplay(db, claim);
  const expired = existing.expires_at <= createdAt;
  const abandoned = existing.status_code === IN_PROGRESS && Date.parse(existing.created_at) < claim.now.getTime() - ABANDONED_AFTER_MS;
  if (expired || abandoned) {
    await db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    return claimOrReplay(db, claim);
  }
  if (existing.fingerprint !== claim.fingerprint) throw new AppError('idempotency_key_reused');
  if (existing.status_code === IN_PROGRESS) throw new AppError('idempotency_in_progress');
  const stored = JSON.parse(existing.response_body) as { contentType: string; body: string };
  return { status: existing.status_code, contentType: stored.contentType, body: stored.body };
}

/** Deletes keys past their 24 hours; run by the maintenance sweep. */
export async function purgeExpiredIdempotencyKeys(db: Kysely<Database>, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', clock.now().toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
