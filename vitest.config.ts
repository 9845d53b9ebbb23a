import { defineConfig } from 'vitest/config';

// One vitest run over every package; each package is a project and resolves
// workspace packages from source through the `@cgc/source` export condition.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'examples/*'],
    globalSetup: ['./vitest.tmpdir.ts'],
  },
});
