/**
 * A streaming CSV parser (RFC 4180): comma-separated fields, fields in double quotes may hold
 * commas, line breaks and doubled quotes (""), and lines end with CRLF, LF or CR. It takes the
 * text in chunks of any size and hands out each record with the line it starts on, so large
 * files never sit in memory and errors can name the line.
 */

/** A malformed CSV file, with the line of the problem. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

/** The parser's state between chunks; push chunks in order, then call `end`. */
export class CsvParser {
  private state: State = 'fieldStart';
  private field = '';
  private record: string[] = [];
  private line = 1;
  private recordLine = 1;
  private quotedFrom = 0;
  private afterCr = false;
  private quotedCr = false;
  private sawQuote = false;

  /** Parses a chunk; calls `emit` for every record it completes. */
  push(chunk: string, emit: (fields: string[], line: number) => void): void {
    let runStart = -1; // start of a run of ordinary characters inside the current field
    const flushRun = (end: number) => {
      if (runStart !== -1) {
        this.field += chunk.slice(runStart, end);
        runStart = -1;
      }
    };
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) continue; // the LF of a CRLF pair
      }
      switch (this.state) {
        case 'fieldStart':
          if (c === QUOTE) {
            this.state = 'quoted';
            this.quotedCr = false;
            this.sawQuote = true;
            this.quotedFrom = this.line;
          } else if (c === COMMA) this.endField();
          else if (c === CR || c === LF) this.endRecord(c, emit);
          else {
            this.state = 'unquoted';
            runStart = i;
          }
          break;
        case 'unquoted':
          if (c === COMMA) {
            flushRun(i);
            this.endField();
          } else if (c === CR || c === LF) {
            flushRun(i);
            this.endRecord(c, emit);
          } else if (runStart === -1) runStart = i; // a stray quote is kept as a character
          break;
        case 'quoted':
          if (c === QUOTE) {
            flushRun(i);
            this.state = 'quoteInQuoted';
          } else {
            // Count line breaks inside the field (CRLF once) so later errors name the right line.
            if ((c === LF && !this.quotedCr) || c === CR) this.line++;
            this.quotedCr = c === CR;
            if (runStart === -1) runStart = i;
          }
          break;
        case 'quoteInQuoted':
          if (c === QUOTE) {
            this.field += '"';
            this.state = 'quoted';
            this.quotedCr = false;
          } else if (c === COMMA) this.endField();
          else if (c === CR || c === LF) this.endRecord(c, emit);
          else throw new CsvSyntaxError(this.line, 'unexpected character after a closing quote (a quote inside a field must be doubled)');
          break;
      }
    }
    flushRun(chunk.length);
  }

  /** Finishes the input: emits the last record, or throws if a quoted field never closed. */
  end(emit: (fields: string[], line: number) => void): void {
    if (this.state === 'quoted') throw new CsvSyntaxError(this.quotedFrom, 'a quoted field is never closed');
    if (this.state !== 'fieldStart' || this.record.length > 0) this.endRecord(LF, emit);
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
  }

  private endRecord(c: number, emit: (fields: string[], line: number) => void): void {
    this.endField();
    const blank = this.record.length === 1 && this.record[0] === '' && !this.sawQuote;
    if (!blank) emit(this.record, this.recordLine);
    this.record = [];
    this.sawQuote = false;
    this.afterCr = c === CR;
    this.line++;
    this.recordLine = this.line;
  }
}

/** Parses a whole CSV text (for small inputs and tests). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const parser = new CsvParser();
  parser.push(text, (fields) => records.push(fields));
  parser.end((fields) => records.push(fields));
  return records;
}
