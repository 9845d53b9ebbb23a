import { loadConfig } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFromConfig } from './adapters.js';

describe('the backend to adapter table', () => {
  it.each(Object.entries(ADAPTERS))('%s: its package exports the named factory', async (_backend, entry) => {
    const mod = (await import(entry.pkg)) as Record<string, unknown>;
    expect(typeof mod[entry.factory]).toBe('function');
  });

  it.each(['neo4j', 'falkordb'] as const)('%s: builds an adapter without connecting', async (backend) => {
    const config = loadConfig({ env: { CGC_HOME: '/tmp/cgc-none', CGC_DATABASE: backend } });
    const adapter = await adapterFromConfig(process.cwd())(config, undefined as never);
    expect(adapter.name).toMatch(new RegExp(backend.slice(0, 5)));
    await adapter.close();
  });

  it('says which package to install when a backend adapter is missing', async () => {
    const config = loadConfig({ env: { CGC_HOME: '/tmp/cgc-none' } });
    const table = { ...ADAPTERS, kuzu: { pkg: 'cgc-adapter-that-does-not-exist', factory: 'x' } };
    await expect(adapterFromConfig(process.cwd(), table)(config, undefined as never)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/cgc-adapter-that-does-not-exist is not installed; install it/),
    });
  });

  it('says so when a package lacks the factory', async () => {
    const config = loadConfig({ env: { CGC_HOME: '/tmp/cgc-none' } });
    const table = { ...ADAPTERS, kuzu: { pkg: '@cgc/core', factory: 'kuzuFromConfig' } };
    await expect(adapterFromConfig(process.cwd(), table)(config, undefined as never)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/@cgc\/core does not export kuzuFromConfig/),
    });
  });
});
