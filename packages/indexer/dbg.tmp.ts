import { MemorySink, runPipeline } from './src/index.js';

const sink = new MemorySink();
const r = await runPipeline(process.argv[2]!, sink, {
  storeSource: false,
  workers: 2,
  ignoreFiles: ['.cgcignore'],
});
console.log(r.seconds, r.link.resolvedCalls, r.link.calls);
