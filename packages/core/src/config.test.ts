import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, pluginSettings } from './config.js';
import { isCgcError } from './errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'cgc-config-'));

describe('loadConfig', () => {
  it('has working defaults', () => {
    const cwd = tmp();
    const c = loadConfig({ cwd, env: { CGC_HOME: join(cwd, 'home') } });
    expect(c.home).toBe(join(cwd, 'home'));
    expect(c.database.backend).toBe('kuzu');
    expect(c.database.neo4j.uri).toBe('bolt://localhost:7687');
    expect(c.mcp).toMatchObject({ port: 8045, host: '127.0.0.1', corsOrigin: '*' });
    expect(c.plugins.timeoutMs).toBe(5000);
  });

  it('layers defaults < file < environment < flags', () => {
    const cwd = tmp();
    writeFileSync(
      join(cwd, 'cgc.config.json'),
      JSON.stringify({
        database: { backend: 'neo4j', neo4j: { uri: 'bolt://file:1' } },
        mcp: { port: 1000 },
      }),
    );
    const env = {
      CGC_HOME: cwd,
      NEO4J_URI: 'bolt://env:2',
      CGC_MCP_PORT: '2000',
      CGC_PLUGINS_DISABLED: 'a, b',
    };
    const c = loadConfig({ cwd, env, flags: { mcp: { port: 3000 } } });
    expect(c.database.backend).toBe('neo4j');
    expect(c.database.neo4j.uri).toBe('bolt://env:2');
    expect(c.database.neo4j.username).toBe('neo4j');
    expect(c.mcp.port).toBe(3000);
    expect(c.plugins.disabled).toEqual(['a', 'b']);
  });

  it('reads index.ignoreFiles from the config file and refuses a value that is not a list of names', () => {
    const cwd = tmp();
    expect(loadConfig({ cwd, env: { CGC_HOME: cwd } }).index.ignoreFiles).toEqual([
      '.gitignore',
      '.cgcignore',
    ]);
    writeFileSync(join(cwd, 'cgc.config.json'), JSON.stringify({ index: { ignoreFiles: [] } }));
    expect(loadConfig({ cwd, env: { CGC_HOME: cwd } }).index.ignoreFiles).toEqual([]);
    for (const bad of ['.gitignore', [''], [1]]) {
      writeFileSync(join(cwd, 'cgc.config.json'), JSON.stringify({ index: { ignoreFiles: bad } }));
      expect(() => loadConfig({ cwd, env: { CGC_HOME: cwd } })).toThrow(/index\.ignoreFiles/);
    }
  });

  it('explains invalid values with their path', () => {
    const cwd = tmp();
    let err: unknown;
    try {
      loadConfig({ cwd, env: { CGC_HOME: cwd, CGC_DATABASE: 'oracle' } });
    } catch (e) {
      err = e;
    }
    expect(isCgcError(err, 'CONFIG_INVALID')).toBe(true);
    expect(String((err as Error).message)).toMatch(/database\.backend/);
    expect(() => loadConfig({ cwd, env: { CGC_HOME: cwd, CGC_MCP_PORT: '99999' } })).toThrow(/mcp\.port/);
    expect(() => loadConfig({ cwd, env: { CGC_HOME: cwd, CGC_KUZU_BUFFER_POOL_MB: 'lots' } })).toThrow(
      /database\.kuzu\.bufferPoolMb/,
    );
    expect(
      loadConfig({ cwd, env: { CGC_HOME: cwd, CGC_KUZU_BUFFER_POOL_MB: '512' } }).database.kuzu.bufferPoolMb,
    ).toBe(512);
  });

  it('reports an unreadable config file clearly', () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'cgc.config.json'), '{ not json');
    expect(() => loadConfig({ cwd, env: { CGC_HOME: cwd } })).toThrow(
      /cannot read config file .*cgc\.config\.json/,
    );
    writeFileSync(join(cwd, 'cgc.config.json'), '[1]');
    expect(() => loadConfig({ cwd, env: { CGC_HOME: cwd } })).toThrow(/must hold a JSON object/);
  });

  it('gives plugins their settings from config and CGC_PLUGIN_<NAME>_ variables', () => {
    const cwd = tmp();
    const c = loadConfig({
      cwd,
      env: { CGC_HOME: cwd },
      flags: { plugins: { settings: { otel: { grpcPort: 1 } } } },
    });
    const s = pluginSettings(c, 'otel', { CGC_PLUGIN_OTEL_HTTP_PORT: '4318', CGC_PLUGIN_OTHER_X: '1' });
    expect(s).toEqual({ grpcPort: 1, httpPort: '4318' });
  });
});
