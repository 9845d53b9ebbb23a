import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createLogger, isCgcError } from '@cgc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { CollectingSink, EXAMPLES, HAVE_PHP_XDEBUG, runPhpTrace } from '../../test/php.js';
import { ChainBuilder } from '../capture/chain-builder.js';
import { CallRecorder } from '../capture/recorder.js';
import { importTraceFile, importTraces } from './import-trace.js';
import { TraceWatcher } from './trace-watcher.js';

const dir = mkdtempSync(join(tmpdir(), 'cgc-xt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SHOP = join(EXAMPLES, 'php-shop', 'bin', 'run.php');
const SVC = 'Shop\\Services\\OrderService';

function deps(maxPending?: number) {
  const sink = new CollectingSink();
  const recorder = new CallRecorder(sink, maxPending ? { maxPending } : {});
  return { sink, recorder, builder: new ChainBuilder() };
}

const HEADER = 'Version: 3.2.0\nFile format: 4\nTRACE START [2026-01-01 00:00:00.000000]\n';
const entry = (level: number, n: number, name: string, file: string, line: number, user = 1) =>
  `${level}\t${n}\t0\t0.001\t1000\t${name}\t${user}\t\t${file}\t${line}\t0\n`;
const exit = (level: number, n: number) => `${level}\t${n}\t1\t0.002\t1000\n`;

describe('trace import', () => {
  it('parses a hand-written trace: chains, internal functions skipped but kept on the stack', async () => {
    const text =
      HEADER +
      entry(1, 0, '{main}', '/app/index.php', 0) +
      entry(2, 1, 'App\\Svc->run', '/app/index.php', 5) +
      entry(3, 2, 'array_map', '/app/Svc.php', 10, 0) +
      entry(4, 3, 'App\\{closure:/app/Svc.php:10-10}', '/app/Svc.php', 10) +
      exit(4, 3) +
      entry(4, 4, 'App\\{closure:/app/Svc.php:10-10}', '/app/Svc.php', 10) +
      exit(4, 4) +
      exit(3, 2) +
      exit(2, 1) +
      entry(2, 5, 'App\\Svc::make', '/app/index.php', 6) +
      '2\t5\tR\t\t\tNULL\n' +
      exit(2, 5) +
      exit(1, 0) +
      '\t\t\t0.003\t1000\nTRACE END   [2026-01-01 00:00:00.100000]\n\n';
    const file = join(dir, 'hand.xt');
    writeFileSync(file, text);
    const d = deps();
    const r = await importTraceFile(file, d);
    expect(r.error).toBeUndefined();
    expect(r.stats).toMatchObject({ calls: 6, recorded: 5, badLines: 0, formatVersion: 4, ended: true });
    expect(Object.fromEntries(d.sink.chains())).toEqual({
      '{main}': 1,
      '{main} > App\\Svc->run': 1,
      '{main} > App\\Svc->run > array_map > App\\{closure:/app/Svc.php:10-10}': 2,
      '{main} > App\\Svc::make': 1,
    });
    // The closure's effective caller skips the internal array_map.
    const edge = [...d.sink.batches[0]!.edges.values()].find((e) => e.delta === 2)!;
    const run = [...d.sink.batches[0]!.frames.values()].find((f) => f.frame.where === 'App\\Svc->run')!;
    expect(edge.effectiveCaller).toBe(run.frame.id);
    // The caller's own position is learnt from its children's call sites.
    expect(run.ownFile).toBe('/app/Svc.php');
  });

  it.runIf(HAVE_PHP_XDEBUG)('imports a real PHP trace, plain and gzip, and a directory of them', async () => {
    const sub = mkdtempSync(join(dir, 'real-'));
    const plain = runPhpTrace(SHOP, sub, ['3']);
    writeFileSync(`${plain}.gz`, gzipSync(readFileSync(plain)));
    const d = deps(50);
    const results = await importTraces(sub, d);
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.stats!.ended).toBe(true);
    }
    expect(results[0]!.stats!.recorded).toBe(results[1]!.stats!.recorded);
    const chains = d.sink.chains();
    const checkout = [...chains.entries()].find(([k]) => k.endsWith(`main > ${SVC}->checkout`));
    expect(checkout?.[1]).toBe(2 * 2 * 3);
    const fact = [...chains.keys()].filter((k) => k.endsWith('Shop\\Support\\factorial'));
    expect(fact).toHaveLength(5);
    // Flushed in many small batches (bounded memory), nothing lost.
    expect(d.sink.batches.length).toBeGreaterThan(2);
    expect(d.sink.batches.reduce((a, b) => a + b.calls, 0)).toBe(2 * results[0]!.stats!.recorded);
  });

  it('rejects files that are not traces, unsupported formats, garbage and truncated gzip, clearly', async () => {
    const cases: [string, string | Buffer, string, RegExp][] = [
      ['notrace.xt', '<?php echo 1;\n', 'PARSE_FAILED', /not an Xdebug machine-readable trace/],
      ['empty.xt', '', 'PARSE_FAILED', /empty or not an Xdebug/],
      ['v9.xt', 'Version: 9\nFile format: 9\nTRACE START [x]\n', 'UNSUPPORTED', /format 9/],
      ['garbage.xt', HEADER + 'x\ty\tz\n'.repeat(2000), 'PARSE_FAILED', /too many malformed trace lines/],
      [
        'trunc.xt.gz',
        gzipSync(Buffer.from(HEADER + entry(1, 0, '{main}', '/a.php', 0).repeat(50))).subarray(0, 60),
        'PARSE_FAILED',
        /cannot read trace|unexpected end/,
      ],
    ];
    for (const [name, content, code, msg] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const r = await importTraceFile(file, deps());
      expect(r.error?.code, name).toBe(code);
      expect(r.error?.message, name).toMatch(msg);
    }
    await expect(importTraceFile(join(dir, 'missing.xt'), deps())).rejects.toSatisfy((e) =>
      isCgcError(e, 'NOT_FOUND'),
    );
  });

  it('tolerates a few bad lines and a trace cut off without TRACE END', async () => {
    const file = join(dir, 'cut.xt');
    writeFileSync(
      file,
      `${HEADER}${entry(1, 0, '{main}', '/a.php', 0)}oops\n${entry(2, 1, 'f', '/a.php', 3)}3\t2\t0\t0.1`,
    );
    const r = await importTraceFile(file, deps());
    expect(r.error).toBeUndefined();
    expect(r.stats).toMatchObject({ recorded: 2, badLines: 2, ended: false });
  });

  it('watches a directory and imports a trace once its size is stable', async () => {
    const sub = mkdtempSync(join(dir, 'watch-'));
    const d = deps();
    const w = new TraceWatcher(sub, d, createLogger('silent'), 50);
    writeFileSync(join(sub, 'a.xt'), HEADER + entry(1, 0, '{main}', '/a.php', 0));
    await w.scan();
    expect(w.results).toHaveLength(0); // first sight: wait for the size to settle
    await w.scan();
    await w.scan();
    expect(w.results).toHaveLength(1);
    expect(w.results[0]!.stats!.recorded).toBe(1);
    await w.stop();
  });
});
