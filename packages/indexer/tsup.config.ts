import { defineConfig } from 'tsup';

export default defineConfig({
  // The worker is its own entry: worker_threads load it by file URL.
  entry: ['src/index.ts', 'src/plugin.ts', 'src/parse-worker.ts'],
  format: ['esm'],
  dts: { entry: ['src/index.ts', 'src/plugin.ts'] },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
