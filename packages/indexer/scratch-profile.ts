/**
 * Parse-only profile: parses a directory's files on the calling thread (no workers), so
 * `node --cpu-prof` sees the extraction. Prints seconds for tree-sitter parse vs extraction.
 *
 *   tsx --conditions=@cgc/source bench/parse-profile.ts <path> [--parse-only]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from 'web-tree-sitter';
import { extractSource, listSourceFiles, loadGrammar, languageById } from './src/index.js';

const path = resolve(process.argv[2]!);
const files = await listSourceFiles(path, { maxFileBytes: 2 * 1024 * 1024, warn: () => {}, ignoreFiles: ['.cgcignore'] });
let bytes = 0;
let tParse = 0;
let tAll = 0;
const parseOnly = process.argv.includes('--parse-only');
const parsers = new Map<string, Parser>();
for (const f of files) {
  const spec = languageById(f.lang.id)!;
  const lang = (await loadGrammar(spec, () => {}))!;
  const text = readFileSync(f.abs, 'utf8');
  bytes += text.length;
  if (parseOnly) {
    let p = parsers.get(spec.id);
    if (!p) { p = new Parser(); p.setLanguage(lang); parsers.set(spec.id, p); }
    const t = performance.now();
    const tree = p.parse(text)!;
    tParse += performance.now() - t;
    tree.delete();
  } else {
    const t = performance.now();
    extractSource(spec, lang, text, { path: f.rel }, { storeSource: false });
    tAll += performance.now() - t;
  }
}
const cpu = process.cpuUsage(); console.log(`cpu ${(cpu.user/1e6).toFixed(2)} s; ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, parse ${(tParse / 1000).toFixed(2)} s, extract(all) ${(tAll / 1000).toFixed(2)} s, MB/s ${(bytes / 1e6 / ((tParse + tAll) / 1000)).toFixed(2)}`);
