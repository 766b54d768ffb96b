import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../test-support/scratch.js';
import { inputFileProblem, readJsonLines, writeJsonLinesAtomically, type JsonLine } from './json-lines.js';

const scratch = scratchDir('json-lines');
afterAll(() => scratch.remove());
const { dir, file, path: at } = scratch;

async function readAll(path: string): Promise<JsonLine[]> {
  const lines: JsonLine[] = [];
  for await (const line of readJsonLines(path)) lines.push(line);
  return lines;
}

describe('reading JSON lines', () => {
  it('numbers lines as the file does, skips blank ones and a byte order mark, and reports bad JSON without stopping', async () => {
    const path = file('in.jsonl', '\uFEFF{"a":1}\r\n\n   \n{oops\n[2]\n"last"');
    expect(await readAll(path)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, error: 'not valid JSON' },
      { line: 5, value: [2] },
      { line: 6, value: 'last' },
    ]);
  });

  it('says which file cannot be read', async () => {
    await expect(readAll(at('missing.jsonl'))).rejects.toThrow(`Cannot read ${at('missing.jsonl')}: ENOENT`);
  });

  it('names the problem with an input path, or none', async () => {
    expect(await inputFileProblem(at('missing.jsonl'))).toBe(`Input file not found: ${at('missing.jsonl')}`);
    expect(await inputFileProblem(dir)).toBe(`Input is not a file: ${dir}`);
    expect(await inputFileProblem(file('empty.jsonl', ''))).toMatch(/^Input file is empty: /);
    expect(await inputFileProblem(file('one.jsonl', '{}\n'))).toBeNull();
  });
});

describe('writing JSON lines atomically', () => {
  it('writes every line in order, across many chunks, and the file appears only when done', async () => {
    const output = at('out.jsonl');
    const values = Array.from({ length: 5_000 }, (_, i) => ({ i, text: 'x'.repeat(i % 97) }));
    const result = await writeJsonLinesAtomically(output, async (write) => {
      for (const value of values) await write(value);
      expect(existsSync(output)).toBe(false);
      return values.length;
    });
    expect(result).toBe(5_000);
    expect(existsSync(`${output}.partial`)).toBe(false);
    const lines = readFileSync(output, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(values);
  });

  it('leaves no file behind, and an older output untouched, when the producer fails', async () => {
    const output = file('kept.jsonl', '{"old":true}\n');
    await expect(
      writeJsonLinesAtomically(output, async (write) => {
        for (let i = 0; i < 3_000; i++) await write({ i, pad: 'y'.repeat(50) });
        throw new Error('line 3001: not valid JSON');
      }),
    ).rejects.toThrow('line 3001: not valid JSON');
    expect(readFileSync(output, 'utf8')).toBe('{"old":true}\n');
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it('refuses at once an output it cannot create', async () => {
    let produced = false;
    await expect(
      writeJsonLinesAtomically(at('no-such-dir/out.jsonl'), async () => {
        produced = true;
      }),
    ).rejects.toThrow(/Cannot write .*out\.jsonl: ENOENT/);
    expect(produced).toBe(false);
  });
});
