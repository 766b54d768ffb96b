import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../../test-support/scratch.js';
import { CsvParser, CsvSyntaxError, parseCsv } from './csv.js';
import { readAllRows, type Columns } from './read-rows.js';

const scratch = scratchDir('triage-data');
const file = scratch.file;
afterAll(() => scratch.remove());

describe('CSV parser', () => {
  it('handles quotes, commas, doubled quotes, line breaks in fields, CRLF and blank lines', () => {
    const text = '\uFEFFtext,label\r\n"Hello, world",greet\r\n"She said ""hi""",quote\n\n"two\nlines\r\nhere",multi\nplain text,last';
    expect(parseCsv(text)).toEqual([
      ['\uFEFFtext', 'label'],
      ['Hello, world', 'greet'],
      ['She said "hi"', 'quote'],
      ['two\nlines\r\nhere', 'multi'],
      ['plain text', 'last'],
    ]);
    expect(parseCsv('a,,c\n,\n""\n')).toEqual([['a', '', 'c'], ['', ''], ['']]);
  });

  it('gives the same records whatever the chunk boundaries, with their starting lines', () => {
    const text = 'id,text\n1,"a ""quoted"", multi\r\nline"\r\n2,b\r3,"c"\n';
    const whole: [string[], number][] = [];
    const parser = new CsvParser();
    parser.push(text, (f, line) => whole.push([f, line]));
    parser.end((f, line) => whole.push([f, line]));
    expect(whole.map((r) => r[1])).toEqual([1, 2, 4, 5]);
    for (let cut = 0; cut <= text.length; cut++) {
      const records: [string[], number][] = [];
      const p = new CsvParser();
      p.push(text.slice(0, cut), (f, line) => records.push([f, line]));
      p.push(text.slice(cut), (f, line) => records.push([f, line]));
      p.end((f, line) => records.push([f, line]));
      expect(records).toEqual(whole);
    }
  });

  it('reports malformed quoting with the line number', () => {
    expect(() => parseCsv('a,b\n1,"never closed\n2,x\n')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed'));
    expect(() => parseCsv('a,b\n1,2\n"x"y,3\n')).toThrow(/^line 3: unexpected character after a closing quote/);
  });
});

describe('reading datasets', () => {
  const columns: Columns = { text: 'text', label: 'label' };

  it('reads CSV rows by column name, in order, with line numbers and empty labels as null', async () => {
    const path = file('ok.csv', 'id,label,text\n1,refund,"I want my money back, now"\n2,, "no label"\n3,"bug","it\ncrashes"\n');
    expect(await readAllRows(path, columns)).toEqual([
      { text: 'I want my money back, now', label: 'refund', line: 2 },
      { text: ' "no label"', label: null, line: 3 },
      { text: 'it\ncrashes', label: 'bug', line: 4 },
    ]);
  });

  it('reads JSON lines, skipping blank lines', async () => {
    const path = file('ok.jsonl', '{"text":"hello","label":"greet"}\n\n{"text":"bye","label":null,"extra":1}\n{"text":42,"label":"n"}\n');
    expect(await readAllRows(path, columns)).toEqual([
      { text: 'hello', label: 'greet', line: 1 },
      { text: 'bye', label: null, line: 3 },
      { text: '42', label: 'n', line: 4 },
    ]);
  });

  it('names the missing column and the columns found', async () => {
    await expect(readAllRows(file('cols.csv', 'body,category\nx,y\n'), columns)).rejects.toThrow(/Column "text" not found in .*cols\.csv; columns found: "body", "category"/);
    await expect(readAllRows(file('cols.jsonl', '{"body":"x","label":"y"}\n'), columns)).rejects.toThrow(/Column "text" not found in .*cols\.jsonl; columns found: "body", "label"/);
    await expect(readAllRows(file('nolabel.csv', 'text\nx\n'), columns)).rejects.toThrow(/Column "label" not found/);
  });

  it('refuses missing, empty, header-only and unknown files with a clear message', async () => {
    await expect(readAllRows(scratch.path('absent.csv'), columns)).rejects.toThrow(/Input file not found: .*absent\.csv/);
    await expect(readAllRows(file('empty.csv', ''), columns)).rejects.toThrow(/Input file is empty/);
    await expect(readAllRows(file('header.csv', 'text,label\n'), columns)).rejects.toThrow(/has no data rows/);
    await expect(readAllRows(file('blank.jsonl', '\n\n'), columns)).rejects.toThrow(/has no data rows/);
    await expect(readAllRows(file('data.txt', 'text,label\nx,y\n'), columns)).rejects.toThrow(/Unsupported input file type ".txt".*use .csv/);
    await expect(readAllRows(scratch.dir + '/', columns)).rejects.toThrow(/Unsupported input file type/);
  });

  it('reports malformed rows by line number', async () => {
    await expect(readAllRows(file('wide.csv', 'text,label\na,b\nc,d,e\n'), columns)).rejects.toThrow(/wide\.csv line 3: 3 fields but the header has 2/);
    await expect(readAllRows(file('quote.csv', 'text,label\n"open,b\n'), columns)).rejects.toThrow(/quote\.csv line 2: a quoted field is never closed/);
    await expect(readAllRows(file('bad.jsonl', '{"text":"a","label":"b"}\n{oops\n'), columns)).rejects.toThrow(/bad\.jsonl line 2: not valid JSON/);
    await expect(readAllRows(file('arr.jsonl', '[1,2]\n'), columns)).rejects.toThrow(/line 1: expected a JSON object/);
    await expect(readAllRows(file('later.jsonl', '{"text":"a","label":"b"}\n{"label":"c"}\n'), columns)).rejects.toThrow(/later\.jsonl line 2: no "text" field/);
  });

  it('streams a large file without changing the order', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `${i},"text number ${i}, with a comma",l${i % 7}`);
    const path = file('big.csv', `id,text,label\n${lines.join('\n')}\n`);
    const rows = await readAllRows(path, columns);
    expect(rows).toHaveLength(20_000);
    expect(rows[12_345]).toEqual({ text: 'text number 12345, with a comma', label: 'l4', line: 12_347 });
  });
});
