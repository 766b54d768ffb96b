import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'x-frontline-signature';

/** HMAC-SHA256 of `timestamp + "." + body` under the subscription's secret, as hex. */
export function computeSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** The `X-Frontline-Signature` value for a body sent at `timestampSeconds`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${computeSignature(secret, timestampSeconds, body)}`;
}

export interface VerifyOptions {
  secret: string;
  /** The raw request body exactly as received (not re-serialised JSON). */
  body: string;
  /** The `X-Frontline-Signature` header. */
  header: string | undefined;
  /** Reject signatures older (or newer) than this; default 300 s, which stops replays of old deliveries. */
  toleranceSeconds?: number;
  /** The receiver's time in seconds; default now. */
  nowSeconds?: number;
}

/**
 * For receivers: true when the header carries a valid signature of the body made within the
 * tolerance. Compares in constant time; accepts any of several `v1=` values (sent while a
 * secret is being rotated).
 */
export function verifySignature(options: VerifyOptions): boolean {
  if (!options.header) return false;
  const parts = options.header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(computeSignature(options.secret, timestamp, options.body), 'hex');
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || !/^[0-9a-f]{64}$/i.test(v)) return false;
    return timingSafeEqual(expected, Buffer.from(v, 'hex'));
  });
}
