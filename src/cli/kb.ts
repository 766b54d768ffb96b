import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { ImportRecord, importArticles, type ImportCounts } from '../kb/import.service.js';
import { searchArticles } from '../kb/search.service.js';
import { openAtomicJsonLines } from './output.js';
import { openRuntime, runCommand } from './runtime.js';

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };
const BATCH = 500;

/** Yields each non-blank line of a file with its 1-based number, reading it as a stream. */
async function* lines(path: string): AsyncGenerator<{ number: number; text: string }> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(new Error(`Cannot read ${path}: ${error.code ?? error.message}`)));
  });
  await opened;
  let number = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    number++;
    if (text.trim() !== '') yield { number, text };
  }
}

/** Parses a JSON line, naming the file and line on failure. */
function parseLine(path: string, number: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${path} line ${number}: not valid JSON`);
  }
}

function parseImportLine(path: string, number: number, text: string): ImportRecord {
  const parsed = ImportRecord.safeParse(parseLine(path, number, text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} line ${number}: ${issue.path.join('.') || 'line'} ${issue.message}`);
  }
  return parsed.data;
}

function parseQueryLine(path: string, number: number, text: string): { id: unknown; query: string } {
  const value = parseLine(path, number, text) as { id?: unknown; query?: unknown } | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path} line ${number}: expected an object {"id", "query"}`);
  if (typeof value.id !== 'string' && typeof value.id !== 'number') throw new Error(`${path} line ${number}: id must be a string or a number`);
  if (typeof value.query !== 'string') throw new Error(`${path} line ${number}: query must be a string`);
  return { id: value.id, query: value.query };
}

/**
 * `kb import`: all or nothing for bad input. A first pass checks every line and stops at the
 * first bad one (naming its line) before anything is written; the second pass imports in
 * batches, one transaction each. Memory stays flat whatever the file's size.
 */
async function importFile(path: string): Promise<void> {
  let count = 0;
  for await (const { number, text } of lines(path)) {
    parseImportLine(path, number, text);
    count++;
  }
  const deps = await openRuntime();
  const totals: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  try {
    let batch: ImportRecord[] = [];
    const flush = async () => {
      const counts = await importArticles(deps, CLI_ACTOR, batch);
      totals.created += counts.created;
      totals.updated += counts.updated;
      totals.unchanged += counts.unchanged;
      batch = [];
    };
    for await (const { number, text } of lines(path)) {
      batch.push(parseImportLine(path, number, text));
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    await deps.db.close();
  }
  process.stdout.write(`Imported ${count} articles (${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged)\n`);
}

/** `kb search`: one output line per query line, in order; the output appears whole or not at all. */
async function searchFile(input: string, output: string, limit: number, visibility?: string): Promise<void> {
  const deps = await openRuntime();
  let out;
  try {
    out = openAtomicJsonLines(output);
  } catch (error) {
    await deps.db.close();
    throw error;
  }
  let count = 0;
  try {
    for await (const { number, text } of lines(input)) {
      const { id, query } = parseQueryLine(input, number, text);
      const { items } = await searchArticles(deps, { q: query, limit, visibility, prefix: false });
      await out.write({ id, results: items.map((item) => item.externalId ?? item.id) });
      count++;
    }
    await out.commit();
  } catch (error) {
    await out.abort();
    throw error;
  } finally {
    await deps.db.close();
  }
  process.stdout.write(`Searched ${count} queries into ${output}\n`);
}

/** `frontline kb import|search`: bulk articles in, batch retrieval out. */
export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('Knowledge base');
  kb.command('import')
    .description('Import articles from JSON lines {"externalId","title","body","category"?,"tags"?}: published and public; a known externalId is updated')
    .requiredOption('--input <file>', 'a .jsonl file')
    .action((options: { input: string }) => runCommand(() => importFile(options.input)));
  kb.command('search')
    .description('Search for each line {"id","query"} and write {"id","results":[externalId,...]} best first')
    .requiredOption('--input <file>', 'a .jsonl file of queries')
    .requiredOption('--output <file>', 'where to write the results (.jsonl)')
    .option('--limit <n>', 'results per query (1-1000)', '10')
    .option('--visibility <visibility>', 'public or internal (default both)')
    .action((options: { input: string; output: string; limit: string; visibility?: string }) =>
      runCommand(async () => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`--limit must be a whole number from 1 to 1000, not ${options.limit}`);
        if (options.visibility !== undefined && options.visibility !== 'public' && options.visibility !== 'internal') {
          throw new Error(`--visibility must be public or internal, not ${options.visibility}`);
        }
        await searchFile(options.input, options.output, limit, options.visibility);
      }),
    );
}
