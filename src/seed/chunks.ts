import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TicketGenerator, type Chunk, type GeneratorInput } from './generator.js';

/** How a run of synthetic tickets is cut: chunks of `chunkSize`, the last one shorter. */
export interface ChunkPlan {
  input: GeneratorInput;
  chunkSize: number;
}

/** Hands out the chunks of a plan in order. */
export interface ChunkSource {
  next(): Promise<Chunk>;
  close(): Promise<void>;
}

/** Chunks made on the caller's thread, when asked for. */
export function chunksHere(plan: ChunkPlan): ChunkSource {
  const generator = new TicketGenerator(plan.input);
  let remaining = plan.input.count;
  return {
    async next() {
      const size = Math.min(plan.chunkSize, remaining);
      remaining -= size;
      return generator.chunk(size);
    },
    async close() {},
  };
}

// Chunks the worker makes before the writer asks: one being written, the next ones ready.
const AHEAD = 2;
const compiled = extname(fileURLToPath(import.meta.url)) === '.js';

/**
 * True when a worker thread can load the generator: from the compiled build, or from the
 * TypeScript sources (tests, `tsx`) when tsx is installed to load them.
 */
export function workerAvailable(): boolean {
  if (compiled) return true;
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

function startWorker(plan: ChunkPlan): Worker {
  if (compiled) return new Worker(new URL('./generator.worker.js', import.meta.url), { workerData: plan });
  // A worker does not inherit the TypeScript loader: register tsx in it, then load the generator.
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./generator.worker.ts', import.meta.url).href);
  return new Worker(`import(${api}).then((tsx) => { tsx.register(); return import(${entry}); });`, { eval: true, workerData: plan });
}

/**
 * Chunks made ahead in a worker thread, so that generating the next chunk overlaps writing this
 * one: on two cores the writer's thread then spends its time in the database only.
 */
export function chunksInWorker(plan: ChunkPlan): ChunkSource {
  const worker = startWorker(plan);
  const ready: Chunk[] = [];
  let waiting: { resolve: (chunk: Chunk) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  let closed = false;
  const fail = (error: Error) => {
    failure = error;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on('message', (chunk: Chunk) => {
    if (waiting) waiting.resolve(chunk);
    else ready.push(chunk);
    waiting = null;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => closed || fail(new Error(`The ticket generator stopped (exit code ${code})`)));
  worker.postMessage(AHEAD);
  return {
    async next() {
      if (failure) throw failure;
      worker.postMessage(1);
      const chunk = ready.shift();
      if (chunk) return chunk;
      return new Promise<Chunk>((resolve, reject) => (waiting = { resolve, reject }));
    },
    async close() {
      closed = true;
      await worker.terminate();
    },
  };
}
