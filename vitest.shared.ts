import { defineProject, mergeConfig, type UserWorkspaceConfig } from 'vitest/config';

const conditions = ['@cgc/source', 'import', 'module', 'node', 'default'];

/** Shared per-package vitest settings: run workspace packages from their TypeScript sources. */
export function cgcProject(name: string, overrides: UserWorkspaceConfig = {}) {
  return mergeConfig(
    defineProject({
      resolve: { conditions },
      ssr: { resolve: { conditions, externalConditions: ['@cgc/source'] } },
      test: {
        name,
        environment: 'node',
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        testTimeout: 30_000,
        hookTimeout: 120_000,
      },
    }),
    overrides,
  );
}
