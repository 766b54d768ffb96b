import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Deps } from '../platform/context.js';
import type { Db } from '../platform/db/database.js';
import { resolveServerSecret } from '../platform/db/settings.js';

/**
 * Webhook signing secrets must be readable (we sign with them), so they cannot be hashed like
 * API tokens. They are stored encrypted with AES-256-GCM under a key derived (HKDF) from the
 * server secret. With FRONTLINE_SECRET set, a copy of the database alone reveals none of them;
 * without it the server secret lives in the same database and this only keeps them out of
 * casual reads (exports, logs). Changing the server secret makes them unreadable: rotate each
 * webhook's secret afterwards.
 */
const keys = new WeakMap<Db, Promise<Buffer>>();

function keyFor(deps: Deps): Promise<Buffer> {
  let key = keys.get(deps.db);
  if (!key) {
    key = resolveServerSecret(deps.db.kysely, deps.config.secret).then((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'frontline', 'webhook-secrets', 32)),
    );
    keys.set(deps.db, key);
  }
  return key;
}

/** Encrypts a secret for storage: `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export async function sealSecret(deps: Deps, plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await keyFor(deps), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** Decrypts a stored secret; throws when the server secret changed since it was sealed. */
export async function openSecret(deps: Deps, sealed: string): Promise<string> {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown webhook secret format');
  const decipher = createDecipheriv('aes-256-gcm', await keyFor(deps), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
