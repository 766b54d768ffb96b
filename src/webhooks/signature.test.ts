import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"1","type":"ticket.created"}';
  const t = 1_800_000_000;

  it('verifies a signature made with the secret over timestamp and body', () => {
    const header = signatureHeader(secret, t, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature({ secret, body, header, nowSeconds: t + 10 })).toBe(true);
  });

  it('refuses another secret, a changed body, a moved timestamp, an old signature and a missing header', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature({ secret: 'whsec_other', body, header, nowSeconds: t })).toBe(false);
    expect(verifySignature({ secret, body: body.replace('created', 'updated'), header, nowSeconds: t })).toBe(false);
    expect(verifySignature({ secret, body, header: header.replace(`t=${t}`, `t=${t + 1}`), nowSeconds: t })).toBe(false);
    expect(verifySignature({ secret, body, header, nowSeconds: t + 301 })).toBe(false);
    expect(verifySignature({ secret, body, header, nowSeconds: t + 3600, toleranceSeconds: 7200 })).toBe(true);
    expect(verifySignature({ secret, body, header: undefined })).toBe(false);
    expect(verifySignature({ secret, body, header: 't=abc,v1=00', nowSeconds: t })).toBe(false);
  });

  it('accepts any of several v1 signatures (secret rotation)', () => {
    const old = signatureHeader('whsec_old', t, body).split(',')[1];
    const header = `${signatureHeader(secret, t, body)},${old}`;
    expect(verifySignature({ secret: 'whsec_old', body, header, nowSeconds: t })).toBe(true);
  });
});
