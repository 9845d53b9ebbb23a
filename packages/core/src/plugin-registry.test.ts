import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPlugins } from './plugin-discovery.js';
import { loadPlugins } from './plugin-registry.js';

function project(plugins: Record<string, { pkg?: Record<string, unknown>; code: string }>): string {
  const root = mkdtempSync(join(tmpdir(), 'cgc-registry-'));
  for (const [name, p] of Object.entries(plugins)) {
    const dir = join(root, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.2.3', type: 'module', exports: './index.js', cgc: {}, ...p.pkg }),
    );
    writeFileSync(join(dir, 'index.js'), p.code);
  }
  mkdirSync(join(root, 'node_modules', 'not-a-plugin'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'not-a-plugin', 'package.json'), '{"name":"not-a-plugin"}');
  mkdirSync(join(root, 'node_modules', 'broken-json'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'broken-json', 'package.json'), '{');
  return root;
}

const plugin = (name: string, extra = '') =>
  `export default () => ({ name: '${name}', tools: [{ name: '${name}_tool', description: 'x', input: {}, handler: () => 1 }], commands: [{ name: '${name}', description: 'x' }] ${extra} });`;

describe('plugin discovery and loading', () => {
  it('finds packages with a cgc field, nearest first, ignoring broken ones', () => {
    const root = project({ '@acme/cgc-a': { code: plugin('a') }, b: { code: plugin('b') } });
    const found = discoverPlugins({ cwd: join(root), global: false });
    expect(found.map((f) => f.packageName).sort()).toEqual(['@acme/cgc-a', 'b']);
  });

  it('isolates every failure and still loads the rest', async () => {
    const root = project({
      good: { code: plugin('good') },
      throws: { code: "throw new Error('boom at load');" },
      hangs: { code: 'await new Promise(() => {}); export default () => ({ name: "never" });' },
      old: { code: plugin('old'), pkg: { peerDependencies: { '@cgc/core': '^9.0.0' } } },
      zclash: { code: plugin('good') },
      reserved: {
        code: "export default () => ({ name: 'reserved', commands: [{ name: 'index', description: 'x' }] });",
      },
      empty: { code: 'export const nothing = 1;' },
    });
    const discovered = discoverPlugins({ cwd: root, global: false });
    const reg = await loadPlugins({
      coreVersion: '0.1.0',
      discovered,
      timeoutMs: 300,
      reservedCommands: ['index'],
      builtins: [
        { name: 'core', tools: [{ name: 'find_code', description: 'x', input: {}, handler: () => 1 }] },
      ],
    });
    const by = Object.fromEntries(
      reg.records.map((r) => [r.packageName === 'builtin' ? r.name : r.packageName, r]),
    );
    expect(by.core?.state).toBe('loaded');
    expect(by.good?.state).toBe('loaded');
    expect(by.throws).toMatchObject({ state: 'failed', reason: 'boom at load' });
    expect(by.hangs).toMatchObject({ state: 'failed', code: 'PLUGIN_TIMEOUT' });
    expect(by.old).toMatchObject({ state: 'skipped', code: 'PLUGIN_INCOMPATIBLE' });
    expect(by.old?.reason).toContain('^9.0.0');
    expect(by.old?.reason).toContain('0.1.0');
    expect(by.zclash).toMatchObject({ state: 'failed', code: 'PLUGIN_CONFLICT' });
    expect(by.reserved?.reason).toBe('command "index" is a core command');
    expect(by.empty).toMatchObject({ state: 'failed', code: 'PLUGIN_LOAD_FAILED' });
    expect(reg.tools.map((t) => `${t.plugin}:${t.tool.name}`).sort()).toEqual([
      'core:find_code',
      'good:good_tool',
    ]);
  });

  it('detects a tool name taken by an earlier plugin', async () => {
    const root = project({ x: { code: plugin('x') } });
    const reg = await loadPlugins({
      coreVersion: '0.1.0',
      discovered: discoverPlugins({ cwd: root, global: false }),
      builtins: [
        { name: 'core', tools: [{ name: 'x_tool', description: 'x', input: {}, handler: () => 1 }] },
      ],
    });
    expect(reg.records.find((r) => r.name === 'x')?.reason).toBe('tool "x_tool" is already provided by core');
  });

  it('skips plugins disabled in configuration', async () => {
    const root = project({ d: { code: plugin('d') } });
    const reg = await loadPlugins({
      coreVersion: '0.1.0',
      discovered: discoverPlugins({ cwd: root, global: false }),
      disabled: ['d'],
    });
    expect(reg.records[0]).toMatchObject({ state: 'skipped', reason: 'disabled in configuration' });
  });
});
