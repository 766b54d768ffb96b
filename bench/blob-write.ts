/**
 * Main-thread cost of storing a mail durably (temporary name, fsync, rename): the event loop's
 * busy time per file for the three ways the project has written blobs, in one run, interleaved.
 * - `worker`: BlobStore.put as it is (the writes done by a worker thread, one message each way);
 * - `descriptors`: the same system calls from the main thread through plain file descriptors;
 * - `file handles`: the same through the promise API's FileHandle (the code before the worker).
 * 16 writes in flight at a time, as concurrent SMTP sessions make them.
 *
 *   npx tsx bench/blob-write.ts [--files 2000] [--rounds 2]
 */
import { close, existsSync, fsync, mkdirSync, mkdtempSync, open, rename, rmSync, write } from 'node:fs';
import { open as openHandle, rename as renameFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { BlobStore } from '../src/channels/email/blobs.js';

const { values: args } = parseArgs({ options: { files: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '2' } } });
const FILES = Number(args.files);
const ROUNDS = Number(args.rounds);
const IN_FLIGHT = 16;

const openFd = promisify(open);
const writeFd = promisify(write);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);
const renameFd = promisify(rename);

async function withDescriptors(temporary: string, path: string, bytes: Buffer): Promise<void> {
  const fd = await openFd(temporary, 'w');
  try {
    for (let written = 0; written < bytes.length; ) written += (await writeFd(fd, bytes, written, bytes.length - written)).bytesWritten;
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
  await renameFd(temporary, path);
}

async function withFileHandles(temporary: string, path: string, bytes: Buffer): Promise<void> {
  const file = await openHandle(temporary, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await renameFile(temporary, path);
}

type Variant = 'worker' | 'descriptors' | 'file handles';
let batch = 0;

/** Main-thread busy milliseconds per file for one variant (fresh directory, fresh contents). */
async function measure(variant: Variant): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'frontline-blob-bench-'));
  const store = new BlobStore(root);
  const tag = ++batch;
  // A typical mail's size, different bytes each time (content addressing would skip repeats).
  const files = Array.from({ length: FILES }, (_, i) => Buffer.from(`Subject: request ${tag}-${i}\r\n\r\n${'The export fails when I click save. '.repeat(40)}`));
  const direct = variant === 'descriptors' ? withDescriptors : withFileHandles;
  const made = new Set<string>();
  // The rest of BlobStore.put as it is (hash, existence check, fan-out directory made once), so
  // only the writing differs.
  const put = async (bytes: Buffer) => {
    if (variant === 'worker') return void (await store.put('raw', bytes));
    const sha256 = BlobStore.sha256(bytes);
    const path = store.pathOf('raw', sha256);
    if (existsSync(path)) return;
    const dir = join(root, 'raw', sha256.slice(0, 2));
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    await direct(`${path}.tmp`, path, bytes);
  };
  let next = 0;
  const before = performance.eventLoopUtilization();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (next < FILES) await put(files[next++]!); }));
  const busy = performance.eventLoopUtilization(before).active;
  rmSync(root, { recursive: true, force: true });
  return busy / FILES;
}

const variants: Variant[] = ['worker', 'descriptors', 'file handles'];
const results = new Map<Variant, number[]>(variants.map((v) => [v, []]));
await measure('worker'); // warm-up: starts the worker thread, JIT
for (let round = 0; round < ROUNDS; round++) for (const variant of variants) results.get(variant)!.push(await measure(variant));
process.stdout.write(`${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; ${FILES} files per round, ${IN_FLIGHT} in flight\n`);
for (const [variant, ms] of results) process.stdout.write(`${variant.padEnd(13)} main-thread busy per file: ${ms.map((m) => `${m.toFixed(3)} ms`).join(', ')}\n`);
