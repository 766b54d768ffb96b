import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableFileWriter } from './durable-writer.js';

describe('the durable file writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-writer-'));
  const writer = new DurableFileWriter();
  afterAll(async () => {
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each file under its final name with its bytes, leaving no temporary file', async () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ path: join(dir, `file-${i}`), bytes: Buffer.from(`content ${i} `.repeat(i * 100 + 1)) }));
    await Promise.all(files.map((f, i) => writer.write(`${f.path}.tmp`, f.path, f.bytes).then(() => expect(existsSync(files[i]!.path)).toBe(true))));
    for (const f of files) expect(readFileSync(f.path).equals(f.bytes)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails a write it cannot do with the system error, and goes on with the next', async () => {
    const missing = join(dir, 'no-such-dir', 'file');
    await expect(writer.write(`${missing}.tmp`, missing, Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    const next = join(dir, 'after-error');
    await writer.write(`${next}.tmp`, next, Buffer.from('still writing'));
    expect(readFileSync(next, 'utf8')).toBe('still writing');
  });

  it('starts a new worker after close, so a store outlives a stopped writer', async () => {
    await writer.close();
    const path = join(dir, 'after-close');
    await writer.write(`${path}.tmp`, path, Buffer.from('again'));
    expect(readFileSync(path, 'utf8')).toBe('again');
  });
});
