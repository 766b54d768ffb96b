import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { readJsonLines, writeJsonLinesAtomically, type JsonLine } from '../platform/files/json-lines.js';
import { ImportRecord, importArticles, type ImportCounts } from '../kb/import.service.js';
import { searchArticles } from '../kb/search.service.js';
import { openRuntime, runCommand } from './runtime.js';

const CLI_ACTOR = { ...SYSTEM_ACTOR, label: 'cli' };
const BATCH = 500;

/** A JSON line's value, naming the file and line when it is not JSON. */
function valueOf(path: string, item: JsonLine): unknown {
  if (item.error !== undefined) throw new Error(`${path} line ${item.line}: ${item.error}`);
  return item.value;
}

function parseImportLine(path: string, item: JsonLine): ImportRecord {
  const parsed = ImportRecord.safeParse(valueOf(path, item));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} line ${item.line}: ${issue.path.join('.') || 'line'} ${issue.message}`);
  }
  return parsed.data;
}

function parseQueryLine(path: string, item: JsonLine): { id: unknown; query: string } {
  const number = item.line;
  const value = valueOf(path, item) as { id?: unknown; query?: unknown } | null;
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
  for await (const item of readJsonLines(path)) {
    parseImportLine(path, item);
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
    for await (const item of readJsonLines(path)) {
      batch.push(parseImportLine(path, item));
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
  let count = 0;
  try {
    await writeJsonLinesAtomically(output, async (write) => {
      for await (const item of readJsonLines(input)) {
        const { id, query } = parseQueryLine(input, item);
        const { items } = await searchArticles(deps, { q: query, limit, visibility, prefix: false });
        await write({ id, results: items.map((result) => result.externalId ?? result.id) });
        count++;
      }
    });
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
