import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, type ReadStream } from 'node:fs';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableFileWriter } from './durable-writer.js';

// One writer thread per process, shared by every store.
const writer = new DurableFileWriter();

/**
 * Content-addressed files on disk (raw messages and attachments): the name is the SHA-256 of the
 * bytes, so the same attachment sent a hundred times is stored once, and a write repeated after a
 * crash is harmless. Files are written to a temporary name, fsynced, then renamed, so a file that
 * exists under its hash is always complete.
 */
export class BlobStore {
  // Fan-out directories already made by this process: saves a syscall per file on the hot path.
  private static readonly made = new Set<string>();

  constructor(private readonly root: string) {}

  static sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(kind: 'raw' | 'attachments', sha256: string): string {
    return join(this.root, kind, sha256.slice(0, 2), sha256);
  }

  /** Stores the bytes durably; returns their hash. */
  async put(kind: 'raw' | 'attachments', bytes: Buffer): Promise<string> {
    const sha256 = BlobStore.sha256(bytes);
    const path = this.pathOf(kind, sha256);
    // A stat of a name that is not there is cheap; a rejected promise for it is not.
    if (existsSync(path)) return sha256;
    const dir = join(this.root, kind, sha256.slice(0, 2));
    if (!BlobStore.made.has(dir)) {
      await mkdir(dir, { recursive: true });
      BlobStore.made.add(dir);
    }
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writer.write(temporary, path, bytes);
    return sha256;
  }

  read(kind: 'raw' | 'attachments', sha256: string): ReadStream {
    return createReadStream(this.pathOf(kind, sha256));
  }

  async readAll(kind: 'raw' | 'attachments', sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(kind, sha256));
  }

  async remove(kind: 'raw' | 'attachments', sha256: string): Promise<void> {
    await unlink(this.pathOf(kind, sha256)).catch(() => undefined);
  }
}

