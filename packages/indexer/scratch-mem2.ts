import { resolve } from 'node:path';
import { runPipeline } from './src/index.js';
const gc = (globalThis as any).gc as () => void;
const mb = () => { gc(); gc(); return (process.memoryUsage().heapUsed / 1e6).toFixed(1); };
const sink = { node: async () => {}, rel: async () => {} };
const r = await runPipeline(resolve(process.argv[2]!), sink, { storeSource: false, ignoreFiles: ['.cgcignore'] });
const t = r.table as any;
console.log('after pipeline heap', mb());
for (const f of t.files.values()) for (const s of f.functions) { const fn = s.ir; s.ir = { name: fn.name, fqn: fn.fqn, kind: fn.kind, line: fn.line, endLine: fn.endLine, params: fn.params, decorators: fn.decorators, complexity: fn.complexity, isStatic: fn.isStatic, locals: fn.locals, classFqn: fn.classFqn, parentFqn: fn.parentFqn, returnType: fn.returnType, signature: fn.signature }; }
for (const f of t.files.values()) f.ir.functions = f.functions.map((s: any) => s.ir);
console.log('compact fn objects', mb());
let maps = 0;
for (const f of t.files.values()) for (const s of f.functions) { const l = s.ir.locals; const m = new Map(Object.entries(l)); s.ir.locals = Object.keys(l).length ? m : null; }
console.log('locals as Map/null', mb());
for (const f of t.files.values()) for (const s of f.functions) { s.ir.params = []; s.ir.locals = null }
console.log('no params/locals', mb());
for (const f of t.files.values()) for (const s of f.functions) { s.ir = null; }
for (const f of t.files.values()) f.ir.functions = [];
console.log('no fn ir', mb());
for (const f of t.files.values()) { f.functions.length = 0; }
t.fnsByFqn.clear(); t.globals.clear(); for (const f of t.files.values()) f.top.clear();
console.log('no fn syms', mb());
