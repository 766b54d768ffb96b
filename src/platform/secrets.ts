import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a session cookie or an API token, 256 bits, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** The stored form of a high-entropy token: SHA-256 is enough (and fast) where the input is random. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
