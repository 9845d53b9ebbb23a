import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from 'web-tree-sitter';
import { listSourceFiles, loadGrammar, languageById } from './src/index.js';
import { captureQuery } from './src/extract/walk.js';
const files = await listSourceFiles(resolve(process.argv[2]!), { maxFileBytes: 2 * 1024 * 1024, warn: () => {}, ignoreFiles: ['.cgcignore'] });
const spec = languageById('c')!;
const lang = (await loadGrammar(spec))!;
const p = new Parser(); p.setLanguage(lang);
const q = captureQuery(lang, 'c', [...spec.nodeTypes!, ...spec.complexity]);
const count = new Map<string, number>();
let total = 0; let nodes = 0;
for (const f of files.slice(0, 600)) {
  const tree = p.parse(readFileSync(f.abs, 'utf8'))!;
  const c = tree.walk(); 
  for (const cap of q.captures(tree.rootNode)) { total++; const t = cap.node.type + (cap.node.type === 'struct_specifier' && !cap.node.childForFieldName('body') ? ' (no body)' : ''); count.set(t, (count.get(t) ?? 0) + 1); }
  c.delete(); tree.delete();
}
console.log(total, [...count].sort((a, b) => b[1] - a[1]));
