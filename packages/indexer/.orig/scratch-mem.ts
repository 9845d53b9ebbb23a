import { resolve } from 'node:path';
import { runPipeline } from './src/index.js';
const gc = (globalThis as any).gc as () => void;
const mb = () => { gc(); gc(); return (process.memoryUsage().heapUsed / 1e6).toFixed(0); };
let n = 0;
const sink = { node: async () => { n++; }, rel: async () => { n++; } };
console.log('start heap', mb());
let calls: any[] = [];
const r = await runPipeline(resolve(process.argv[2]!), sink, { storeSource: false, ignoreFiles: ['.cgcignore'], onParsed: (e) => { calls.push(e.calls); } });
console.log('after pipeline heap', mb(), 'rss', (process.memoryUsage().rss/1e6).toFixed(0), 'rows', n);
const t = r.table as any;
let fns = 0, cls = 0, params = 0, locals = 0, imports = 0;
for (const f of t.files.values()) { fns += f.functions.length; cls += f.classes.length; imports += f.ir.imports.length; for (const fn of f.functions) { params += fn.ir.params.length; locals += Object.keys(fn.ir.locals).length; } }
console.log({ files: t.files.size, fns, cls, params, locals, imports });
calls = [];
console.log('without packed calls (kept by onParsed only) heap', mb());
for (const f of t.files.values()) { for (const fn of f.functions) { fn.ir.params = []; fn.ir.locals = {}; } }
console.log('without params/locals', mb());
for (const f of t.files.values()) { f.ir.imports = []; }
console.log('without imports', mb());
t.globals.clear(); t.fnsByFqn.clear(); t.classesByFqn.clear();
console.log('without global maps', mb());
for (const f of t.files.values()) { f.top.clear(); }
console.log('without top maps', mb());
for (const f of t.files.values()) { f.functions.length = 0; f.classes.length = 0; f.ir.functions = []; f.ir.classes = []; }
console.log('without syms', mb());
