import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder for a test file's inputs and outputs. */
export interface ScratchDir {
  dir: string;
  /** The path of a name in the folder. */
  path(name: string): string;
  /** Writes a file in the folder and returns its path. */
  file(name: string, content: string): string;
  /** Removes the folder and everything in it. */
  remove(): void;
}

export function scratchDir(purpose: string): ScratchDir {
  const dir = mkdtempSync(join(tmpdir(), `frontline-${purpose}-`));
  const path = (name: string) => join(dir, name);
  return {
    dir,
    path,
    file(name, content) {
      writeFileSync(path(name), content);
      return path(name);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Values as a JSON-lines text, one per line. */
export const jsonLines = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
