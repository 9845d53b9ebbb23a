import { writeExampleGraph } from './example-graph.js';
import { openStore } from './helpers.js';
import { loadFunctionIndex } from '../src/load-index.js';
const db = await openStore();
await writeExampleGraph(db.store);
try { const i = await loadFunctionIndex(db.store); console.log(i.size); } catch (e) { console.log(e); }
await db.close();
