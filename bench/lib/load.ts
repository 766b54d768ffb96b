import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export interface LoadResult {
  requestsPerSecond: number;
  total: number;
  non2xx: number;
  errors: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

/**
 * Drives the server with autocannon in a second process (so the load generator does not share
 * the server's event loop). `rate` fixes the overall request rate; without it, as fast as it goes.
 */
export function autocannon(options: { url: string; token: string; body: string; connections: number; seconds: number; rate?: number }): Promise<LoadResult> {
  const args = [
    AUTOCANNON, '--json', '--no-progress',
    '-c', String(options.connections), '-d', String(options.seconds),
    '-m', 'POST', '-H', `authorization=Bearer ${options.token}`, '-H', 'content-type=application/json',
    '-b', options.body,
    ...(options.rate ? ['-R', String(options.rate)] : []),
    `${options.url}/api/v1/tickets`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err}`));
      const r = JSON.parse(out.trim().split('\n').pop()!);
      resolve({
        requestsPerSecond: r.requests.average,
        total: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors,
        latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      });
    });
  });
}

/** Sends GETs one after another and returns latency percentiles in ms (client-side, whole round trip). */
export async function sequentialGets(url: string, token: string, paths: string[], rounds: number): Promise<{ p50: number; p95: number; p99: number; count: number; maxItems: number }> {
  const times: number[] = [];
  let maxItems = 0;
  for (let round = 0; round < rounds; round++) {
    for (const path of paths) {
      const started = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items?: unknown[] };
      times.push(performance.now() - started);
      if (!res.ok) throw new Error(`${path} answered ${res.status}`);
      maxItems = Math.max(maxItems, body.items?.length ?? 0);
    }
  }
  return { ...percentiles(times, [50, 95, 99]), count: times.length, maxItems } as never;
}

/** Nearest-rank percentiles of a sample. */
export function percentiles(values: number[], ps: number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  return Object.fromEntries(ps.map((p) => [`p${p}`, sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]]));
}
