import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { applyMacroAliases } from '../../packages/indexer/src/languages/c-macro-aliases.js';
const files = execSync('find /tmp/corpora/linux/usr/src/linux-source-6.1 -name "*.h"', { maxBuffer: 1e9 }).toString().trim().split('\n');
const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
let exported = 0, rivals = 0;
const c0 = process.cpuUsage();
for (const [path, text] of texts) {
  const ir = { path, calls: [], functions: [] } as never as Parameters<typeof applyMacroAliases>[0];
  applyMacroAliases(ir, text);
  const m = (ir as { macroAliases?: [string, string][] }).macroAliases;
  if (m) { exported += m.length; rivals += m.filter(([, t]) => t === '').length; }
}
const c = process.cpuUsage(c0);
console.log(`${texts.length} headers: ${exported} exported aliases (${rivals} ''), cpu ${((c.user + c.system) / 1e6).toFixed(2)} s`);
