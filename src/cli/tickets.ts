import type { Command } from 'commander';
import { importTickets } from '../triage/similar/import.service.js';
import { readJsonLines, writeJsonLinesAtomically, type JsonLine } from '../platform/files/json-lines.js';
import { SimilarTickets } from '../triage/similar/similar.service.js';
import { checkInputFile, openRuntime, runCommand } from './runtime.js';

/** Unknown external ids named one by one on standard error, up to this many. */
const WARNINGS_SHOWN = 20;

/** `tickets import`: validates the whole file first (all or nothing), then writes in batches. */
async function importFile(path: string): Promise<void> {
  await checkInputFile(path);
  const deps = await openRuntime();
  try {
    const counts = await importTickets(deps, () => readJsonLines(path), { source: path });
    process.stdout.write(`Imported ${counts.lines} lines: ${counts.created} tickets created, ${counts.skipped} skipped (externalId already imported)\n`);
  } finally {
    await deps.db.close();
  }
}

function externalIdOf(path: string, item: JsonLine): string {
  if (item.error !== undefined) throw new Error(`${path} line ${item.line}: ${item.error}`);
  const value = item.value as { externalId?: unknown } | null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path} line ${item.line}: expected an object {"externalId"}`);
  if (typeof value.externalId === 'number' && Number.isInteger(value.externalId)) return String(value.externalId);
  if (typeof value.externalId !== 'string' || value.externalId.trim() === '') throw new Error(`${path} line ${item.line}: externalId must be a non-empty string`);
  return value.externalId.trim();
}

/**
 * `tickets similar`: one output line per input line, in order. An unknown externalId gets an
 * empty list and a warning on standard error, so one stale id does not sink a batch. A bad
 * line stops the command; the output file appears whole or not at all.
 */
async function similarFile(input: string, output: string, limit: number, solvedOnly: boolean): Promise<void> {
  await checkInputFile(input);
  const deps = await openRuntime();
  const similar = new SimilarTickets(deps);
  let count = 0;
  let unknown = 0;
  try {
    await writeJsonLinesAtomically(output, async (write) => {
      for await (const item of readJsonLines(input)) {
        const externalId = externalIdOf(input, item);
        const items = await similar.similarToExternalId(externalId, { limit, solvedOnly });
        if (items === null && ++unknown <= WARNINGS_SHOWN) process.stderr.write(`frontline: warning: ${input} line ${item.line}: no ticket has externalId ${JSON.stringify(externalId)}; wrote an empty list\n`);
        await write({ externalId, similar: (items ?? []).map((i) => i.externalId ?? i.id) });
        count++;
      }
    });
  } finally {
    await deps.db.close();
  }
  if (unknown > WARNINGS_SHOWN) process.stderr.write(`frontline: warning: ${unknown} external ids in all had no ticket\n`);
  process.stdout.write(`Wrote similar tickets for ${count} lines into ${output}${unknown > 0 ? ` (${unknown} unknown externalId)` : ''}\n`);
}

/** `frontline tickets import|similar`: bulk history in, near-duplicates out. */
export function registerTicketCommands(program: Command): void {
  const tickets = program.command('tickets').description('Tickets: bulk import and similar-ticket lookup');
  tickets
    .command('import')
    .description(
      'Import tickets from JSON lines {"externalId","subject","body","requester":{"email"},"createdAt"?,"status"?,"priority"?,"category"?}; ' +
        'the file is checked whole first and nothing is written if a line is bad; an externalId already imported is skipped',
    )
    .requiredOption('--input <file>', 'a .jsonl file')
    .action((options: { input: string }) => runCommand(() => importFile(options.input)));
  tickets
    .command('similar')
    .description(
      'For each line {"externalId"}, write {"externalId","similar":[externalId,...]} best first, the ticket itself excluded; ' +
        'an unknown externalId gets an empty list and a warning on standard error',
    )
    .requiredOption('--input <file>', 'a .jsonl file of {"externalId"} lines')
    .requiredOption('--output <file>', 'where to write the results (.jsonl)')
    .option('--limit <n>', 'similar tickets per line (1-100)', '10')
    .option('--solved', 'only solved or closed look-alikes')
    .action((options: { input: string; output: string; limit: string; solved?: boolean }) =>
      runCommand(async () => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Error(`--limit must be a whole number from 1 to 100, not ${options.limit}`);
        await similarFile(options.input, options.output, limit, options.solved === true);
      }),
    );
}
