/**
 * Reads a GitBugs project folder (`*_bugs.csv` with Summary, Issue id, Created, Description…
 * and `*_bugs-combined.csv` with Issue id, Duplicate id) into ticket import records and the
 * known duplicate pairs whose both ends are in the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvParser } from '../src/triage/dataset/csv.js';

export interface BugReport {
  externalId: string;
  subject: string;
  body: string;
  createdAt: string;
  resolution: string;
}

/** A known duplicate pair: `query` is the newer report, `target` the older one it duplicates. */
export interface DuplicatePair {
  query: string;
  target: string;
}

function readCsv(path: string): Record<string, string>[] {
  const rows: string[][] = [];
  const parser = new CsvParser();
  parser.push(readFileSync(path, 'utf8'), (fields) => rows.push(fields));
  parser.end((fields) => rows.push(fields));
  const [header, ...data] = rows;
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  return data.map((fields) => Object.fromEntries(names.map((name, i) => [name, fields[i] ?? ''])));
}

/** The reports and pairs of a GitBugs folder. */
export function loadGitBugs(folder: string): { reports: BugReport[]; pairs: DuplicatePair[] } {
  const files = readdirSync(folder);
  const bugsFile = files.find((f) => f.endsWith('_bugs.csv'));
  const pairsFile = files.find((f) => f.endsWith('_bugs-combined.csv'));
  if (!bugsFile || !pairsFile) throw new Error(`${folder} needs a *_bugs.csv and a *_bugs-combined.csv file`);
  const reports: BugReport[] = [];
  const seen = new Set<string>();
  for (const row of readCsv(join(folder, bugsFile))) {
    const id = row['Issue id']?.trim();
    if (!id || seen.has(id) || !row.Summary?.trim()) continue;
    seen.add(id);
    const created = Date.parse((row.Created ?? '').replace(' ', 'T'));
    reports.push({
      externalId: id,
      subject: row.Summary.trim().slice(0, 500),
      body: row.Description ?? '',
      createdAt: Number.isNaN(created) ? '2000-01-01T00:00:00.000Z' : new Date(created).toISOString(),
      resolution: row.Resolution ?? '',
    });
  }
  const createdOf = new Map(reports.map((r) => [r.externalId, r.createdAt]));
  const unordered = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const row of readCsv(join(folder, pairsFile))) {
    for (const other of (row['Duplicate id'] ?? '').split(',').map((s) => s.trim())) {
      const a = row['Issue id']?.trim();
      if (!a || !other || a === other || !createdOf.has(a) || !createdOf.has(other)) continue;
      const key = [a, other].sort().join(' ');
      if (unordered.has(key)) continue;
      unordered.add(key);
      // The newer report asks "have we seen this before?"; ties go by id for determinism.
      const aNewer = createdOf.get(a)! > createdOf.get(other)! || (createdOf.get(a) === createdOf.get(other) && a > other);
      pairs.push(aNewer ? { query: a, target: other } : { query: other, target: a });
    }
  }
  pairs.sort((x, y) => (x.query < y.query ? -1 : x.query > y.query ? 1 : x.target < y.target ? -1 : 1));
  return { reports, pairs };
}
