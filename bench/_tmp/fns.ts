import { readFileSync } from 'node:fs';
import { extractSource } from '../../packages/indexer/src/extract/extract.js';
import { loadGrammar } from '../../packages/indexer/src/grammars.js';
import { c } from '../../packages/indexer/src/languages/c-family.js';
const lang = await loadGrammar(c, () => undefined);
const ir = extractSource(c, lang!, readFileSync(process.argv[2]!, 'utf8'), { path: 'x.c' });
console.log(ir.functions.map((f) => `${f.name}:${f.line}`).join(' '));
