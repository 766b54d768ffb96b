/**
 * Reads labelled or unlabelled texts from a `.csv` file (header row, RFC 4180) or a `.jsonl`
 * file (one JSON object per line), streaming, with one-line errors that name the file, the
 * column and the line.
 */
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { inputFileProblem, readJsonLines } from '../../platform/files/json-lines.js';
import { CsvParser, CsvSyntaxError } from './csv.js';

/** Bad input: the message is meant for the person who ran the command. */
export class DatasetError extends Error {}

export interface Columns {
  text: string;
  /** The label column, when the command needs labels. */
  label?: string;
}

export interface DatasetRow {
  text: string;
  /** The label; null when the row has none (an empty cell or a null value). */
  label: string | null;
  /** The line the row starts on (1-based; the CSV header is line 1). */
  line: number;
}

const FORMATS: Record<string, 'csv' | 'jsonl'> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Checks the file exists and has a known extension; returns its format. */
export async function datasetFormat(path: string): Promise<'csv' | 'jsonl'> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new DatasetError(`Unsupported input file type "${extname(path) || '(none)'}" for ${path}: use .csv (with a header row) or .jsonl`);
  const problem = await inputFileProblem(path);
  if (problem) throw new DatasetError(problem);
  return format;
}

/** Yields the rows of the file in order; throws DatasetError on bad input. */
export async function* readDataset(path: string, columns: Columns): AsyncGenerator<DatasetRow> {
  const format = await datasetFormat(path);
  let count = 0;
  for await (const row of format === 'csv' ? readCsv(path, columns) : readJsonl(path, columns)) {
    count++;
    yield row;
  }
  if (count === 0) throw new DatasetError(`Input file has no data rows: ${path}`);
}

/** Reads every row into memory (training needs them all at once). */
export async function readAllRows(path: string, columns: Columns): Promise<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  for await (const row of readDataset(path, columns)) rows.push(row);
  return rows;
}

function missingColumn(path: string, column: string, found: string[]): DatasetError {
  return new DatasetError(`Column "${column}" not found in ${path}; columns found: ${found.map((c) => JSON.stringify(c)).join(', ') || '(none)'}`);
}

async function* readCsv(path: string, columns: Columns): AsyncGenerator<DatasetRow> {
  const parser = new CsvParser();
  let header: string[] | null = null;
  let textAt = -1;
  let labelAt = -1;
  const ready: DatasetRow[] = [];
  const take = (fields: string[], line: number) => {
    if (header === null) {
      header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
      textAt = header.indexOf(columns.text);
      if (textAt === -1) throw missingColumn(path, columns.text, header);
      if (columns.label !== undefined) {
        labelAt = header.indexOf(columns.label);
        if (labelAt === -1) throw missingColumn(path, columns.label, header);
      }
      return;
    }
    if (fields.length > header.length) throw new DatasetError(`${path} line ${line}: ${fields.length} fields but the header has ${header.length} (is a field with a comma missing its quotes?)`);
    const label = labelAt === -1 ? null : (fields[labelAt] ?? '');
    ready.push({ text: fields[textAt] ?? '', label: label === null || label.trim() === '' ? null : label.trim(), line });
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
      parser.push(chunk as string, take);
      yield* ready.splice(0);
    }
    parser.end(take);
    yield* ready.splice(0);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DatasetError(`${path} ${error.message}`);
    throw error;
  }
  if (header === null) throw new DatasetError(`Input file is empty: ${path}`);
}

async function* readJsonl(path: string, columns: Columns): AsyncGenerator<DatasetRow> {
  let objects = 0;
  for await (const { line, value, error } of readJsonLines(path)) {
    if (error !== undefined) throw new DatasetError(`${path} line ${line}: ${error}`);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DatasetError(`${path} line ${line}: expected a JSON object`);
    const record = value as Record<string, unknown>;
    for (const column of [columns.text, columns.label]) {
      if (column !== undefined && !(column in record)) {
        throw objects === 0 ? missingColumn(path, column, Object.keys(record)) : new DatasetError(`${path} line ${line}: no "${column}" field (fields: ${Object.keys(record).join(', ')})`);
      }
    }
    objects++;
    const label = columns.label === undefined ? null : asText(record[columns.label]).trim();
    yield { text: asText(record[columns.text]), label: label === null || label === '' ? null : label, line };
  }
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
