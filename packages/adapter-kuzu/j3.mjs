import kuzu from 'kuzu';
import { rmSync } from 'node:fs';
for (const x of ['', '.wal']) rmSync('/tmp/s7/db3' + x, { recursive: true, force: true });
const db = new kuzu.Database('/tmp/s7/db3', 512 * 1024 * 1024);
const c = new kuzu.Connection(db);
const q = async (s) => { const t = performance.now(); const r = await c.query(s); const rows = await r.getAll(); console.log(((performance.now() - t) / 1000).toFixed(2), 's', s.slice(0, 90), String(Object.values(rows[0] ?? {}))); };
await q('CALL checkpoint_threshold=100000000000'); await q(`CREATE NODE TABLE Function(id STRING, repo STRING, file STRING, name STRING, path STRING, line_number INT64, end_line INT64, lang STRING, fqn STRING, kind STRING, args STRING[], decorators STRING[], docstring STRING, source STRING, cyclomatic_complexity INT64, class_context STRING, context STRING, visibility STRING, is_static BOOLEAN, exported BOOLEAN, is_dependency BOOLEAN, unresolved_calls STRING[], PRIMARY KEY(id))`);
const cols = 'id,repo,file,name,path,line_number,end_line,lang,fqn,kind,args,decorators,docstring,cyclomatic_complexity,class_context,context,visibility,is_static,exported,is_dependency';
if (process.argv[2] === 'join') {
  await q(`CREATE NODE TABLE S(k STRING, v STRING[], PRIMARY KEY(k))`);
  await q(`COPY S FROM '/tmp/s7/patch6.json'`);
  await q(`COPY Function(${cols},unresolved_calls) FROM (LOAD WITH HEADERS (${cols.split(',').map(c => c + ' ' + ({line_number:'INT64',end_line:'INT64',cyclomatic_complexity:'INT64',args:'STRING[]',decorators:'STRING[]',is_static:'BOOLEAN',exported:'BOOLEAN',is_dependency:'BOOLEAN'}[c] ?? 'STRING')).join(', ')}) FROM '/tmp/s7/fn6.json' OPTIONAL MATCH (s:S {k: id}) RETURN ${cols}, s.v)`);
} else {
  await q(`COPY Function(${cols}) FROM '/tmp/s7/fn6.json'`);
  await q(`CREATE NODE TABLE S(k STRING, v STRING[], PRIMARY KEY(k))`);
  await q(`COPY S FROM '/tmp/s7/patch6.json'`);
  await q(`MATCH (s:S) MATCH (x:Function {id: s.k}) SET x.unresolved_calls = s.v RETURN count(*)`);
}
await q(`MATCH (f:Function) WHERE f.unresolved_calls IS NOT NULL RETURN count(*), sum(size(f.unresolved_calls)), count(f.args)`);
await q('CHECKPOINT');
