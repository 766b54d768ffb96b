/**
 * The English shortcut of language detection against franc alone, on CLINC150's test and
 * validation texts (English), and the time per text:
 *
 *   npx tsx bench/language-shortcut.ts --clinc /work/shared/datasets/clinc150/data_full.json
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { franc } from 'franc';
import { detectLanguage, MIN_LETTERS, SUPPORTED_LANGUAGES } from '../src/triage/signals/language.js';

const { values: args } = parseArgs({ options: { clinc: { type: 'string' } } });
if (!args.clinc) throw new Error('--clinc PATH (CLINC150 data_full.json) is required');
const clinc = JSON.parse(readFileSync(args.clinc, 'utf8')) as Record<string, [string, string][]>;
const texts = [...clinc.test!, ...clinc.val!].map(([text]) => text);
const only = Object.keys(SUPPORTED_LANGUAGES);
const francOnly = (text: string) => franc(text.slice(0, 400), { only, minLength: MIN_LETTERS });

let francEnglish = 0;
let ourEnglish = 0;
const differ: string[] = [];
for (const text of texts) {
  const f = francOnly(text);
  const ours = detectLanguage(text).code;
  if (f === 'eng') francEnglish++;
  if (ours === 'en') ourEnglish++;
  if (ours === 'en' && f !== 'eng' && f !== 'und') differ.push(`${f}: ${text}`);
}
/** CPU time per text (not wall time: the machine is shared), the last of three rounds. */
const perText = (detect: (t: string) => unknown) => {
  let ms = 0;
  for (let round = 0; round < 3; round++) {
    const started = process.cpuUsage();
    for (let i = 0; i < 20_000; i++) detect(texts[i % texts.length]!);
    const used = process.cpuUsage(started);
    ms = (used.user + used.system) / 1000 / 20_000;
  }
  return ms;
};
console.log(`${texts.length} texts: English by franc alone ${francEnglish}, with the shortcut ${ourEnglish}; English with the shortcut where franc named another language: ${differ.length}`);
console.log(differ.slice(0, 10).join('\n'));
console.log(`CPU time per text: franc alone ${perText(francOnly).toFixed(4)} ms, with the shortcut ${perText(detectLanguage).toFixed(4)} ms`);
