import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../src/exit-codes.js';
import { configKeysTable, envVarsTable, replaceBlock } from './config-doc.js';
import { ROOT } from './temp-project.js';

const DOC = join(ROOT, 'docs/configuration.md');

/** Table padding is the formatter's business, not content. */
const unpadded = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').replace(/-{3,}/g, '---'))
    .join('\n');

describe('docs/configuration.md', () => {
  // Regenerate with: UPDATE_DOCS=1 pnpm vitest run --project cli test/docs-current.test.ts
  it('lists every config key and environment variable core reads (tables generated from core)', () => {
    const doc = readFileSync(DOC, 'utf8');
    const withKeys = replaceBlock(doc, 'config-keys', configKeysTable());
    const expected = replaceBlock(withKeys, 'env-vars', envVarsTable());
    if (process.env.UPDATE_DOCS === '1' && unpadded(expected) !== unpadded(doc)) {
      writeFileSync(DOC, expected);
      // The formatter pads table columns; leave the file as `biome check` wants it.
      execFileSync('pnpm', ['biome', 'format', '--write', DOC], { cwd: ROOT, stdio: 'ignore' });
    } else {
      expect(unpadded(doc), 'docs/configuration.md is out of date: run with UPDATE_DOCS=1').toBe(
        unpadded(expected),
      );
    }
  });
});

describe('docs/cli.md', () => {
  it('puts every error code in the row of the exit code it maps to', () => {
    const rows = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8')
      .split('\n')
      .filter((l) => /^\|\s*\d+\s*\|/.test(l));
    for (const code of ERROR_CODES) {
      const name = code.startsWith('PLUGIN_') ? 'PLUGIN_*' : code;
      const row = rows.find((r) => r.includes(`\`${name}\``));
      expect(row, `${code} is missing from the exit code table`).toBeDefined();
      expect(row!.match(/^\|\s*(\d+)/)?.[1], `${code} documented under the wrong exit code`).toBe(
        String(exitCodeFor(code)),
      );
    }
  });
});
