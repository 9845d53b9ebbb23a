import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createLogger } from '@cgc/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectingSink, EXAMPLES, HAVE_PHP_XDEBUG, runPhpDebug } from '../../test/php.js';
import { CallRecorder } from '../capture/recorder.js';
import { DbgpListener, type DbgpListenerOptions, isAllowed } from './listener.js';
import type { SessionResult } from './session.js';

const SHOP = join(EXAMPLES, 'php-shop', 'bin', 'run.php');
const EDGE = join(EXAMPLES, 'php-edge');

const base: DbgpListenerOptions = {
  host: '127.0.0.1',
  port: 0,
  allow: [],
  maxSessions: 8,
  maxPacketBytes: 1 << 20,
  maxSessionBytes: 64 << 20,
  responseTimeoutMs: 5_000,
  initTimeoutMs: 2_000,
  maxSessionMs: 20_000,
  maxDepth: 256,
};

let open: DbgpListener[] = [];
afterEach(async () => {
  await Promise.all(open.map((l) => l.close()));
  open = [];
});

async function start(options: Partial<DbgpListenerOptions> = {}) {
  const sink = new CollectingSink();
  const recorder = new CallRecorder(sink);
  const listener = new DbgpListener({ ...base, ...options }, recorder, createLogger('silent'));
  const ends: SessionResult[] = [];
  listener.onSessionEnd = (r) => ends.push(r);
  const port = await listener.listen();
  open.push(listener);
  return { sink, recorder, listener, port, ends };
}

/** Runs the shop fixture through the listener and checks a normal capture happened. */
async function captureShop(
  port: number,
  listener: DbgpListener,
  recorder: CallRecorder,
  sink: CollectingSink,
) {
  const { done } = runPhpDebug(SHOP, port, ['1']);
  const r = await done;
  await listener.idle();
  await recorder.flush();
  return { ...r, chains: sink.chains() };
}

const MAIN = '{main}';
const RUN = `${MAIN} > main`;
const SVC = 'Shop\\Services\\OrderService';
/** What bin/run.php prints for a number of loops (three log lines per loop). */
const SHOP_OUT = (loops: number) => `120\nShop\\Domain\\Discount 10%\n${3 * loops}\n`;

describe.runIf(HAVE_PHP_XDEBUG)('DBGp listener with a real PHP + Xdebug (needs infra/php/install.sh)', () => {
  it('captures every call of the fixture: methods, statics, traits, interfaces, closures, recursion, exceptions', async () => {
    const { sink, recorder, listener, port, ends } = await start();
    const { code, stdout, chains } = await captureShop(port, listener, recorder, sink);
    expect(code).toBe(0);
    expect(stdout).toBe(SHOP_OUT(1));
    expect(ends).toHaveLength(1);
    expect(ends[0]!.reason).toBe('stopping');
    expect(ends[0]!.request.appId).toMatch(/^\d+$/);
    expect(ends[0]!.request.script).toBe(SHOP);
    const keys = [...chains.keys()];
    if (process.env.XDEBUG_TEST_DEBUG) console.log(chains);
    expect(chains.get(MAIN)).toBe(1);
    expect(chains.get(`${RUN} > ${SVC}->__construct > Shop\\Domain\\Discount->__construct`)).toBe(1);
    // checkout runs twice (a good cart and an empty one that throws).
    expect(chains.get(`${RUN} > ${SVC}->checkout`)).toBe(2);
    expect(chains.get(`${RUN} > ${SVC}->checkout > ${SVC}->validate`)).toBe(2);
    // trait method and the static call it makes.
    expect(chains.get(`${RUN} > ${SVC}->checkout > ${SVC}->log > Shop\\Support\\Str::upper`)).toBe(1);
    // closure called through the internal array_map, then the interface implementation.
    const closure = keys.find((k) => k.includes('{closure:') && k.endsWith('Shop\\Domain\\Discount->apply'));
    expect(closure).toContain('array_map');
    expect(chains.get(closure!)).toBe(2);
    // recursion: one chain per depth.
    const fact = keys.filter((k) => k.endsWith('Shop\\Support\\factorial'));
    expect(fact).toHaveLength(5);
    expect(listener.status()).toMatchObject({ sessions: 1, active: 0 });
  });

  it('serves many concurrent PHP requests', async () => {
    const { sink, recorder, listener, port, ends } = await start();
    const runs = Array.from({ length: 6 }, () => runPhpDebug(SHOP, port, ['2']).done);
    const results = await Promise.all(runs);
    await listener.idle();
    await recorder.flush();
    expect(results.every((r) => r.code === 0 && r.stdout === SHOP_OUT(2))).toBe(true);
    expect(ends.map((e) => e.reason)).toEqual(Array(6).fill('stopping'));
    expect(sink.chains().get(`${RUN} > ${SVC}->checkout`)).toBe(6 * 4);
  });

  it('detaches a script that never ends at the session time limit, and keeps serving', async () => {
    const { sink, recorder, listener, port, ends } = await start({ maxSessionMs: 500 });
    const { child, done } = runPhpDebug(join(EDGE, 'forever.php'), port);
    try {
      await new Promise<void>((resolve) => {
        listener.onSessionEnd = (r) => {
          ends.push(r);
          resolve();
        };
      });
      expect(ends[0]!.reason).toBe('time_limit');
      expect(ends[0]!.calls).toBeGreaterThan(10);
      expect(child.exitCode).toBeNull(); // detached, the script keeps running on its own
    } finally {
      child.kill('SIGKILL');
      await done;
    }
    listener.onSessionEnd = (r) => ends.push(r);
    const ok = await captureShop(port, listener, recorder, sink);
    expect(ok.code).toBe(0);
    expect(ends.at(-1)!.reason).toBe('stopping');
  });

  it('stops recording a huge stack at the session size limit, the PHP request still completes', async () => {
    const { sink, recorder, listener, port, ends } = await start({ maxSessionBytes: 2 << 20, maxDepth: 64 });
    const { done } = runPhpDebug(join(EDGE, 'deep.php'), port, ['3000']);
    const r = await done;
    await listener.idle();
    expect(r.stdout).toBe('3000\n');
    expect(ends[0]!.reason).toBe('size_limit');
    expect(ends[0]!.error?.message).toMatch(/byte limit/);
    await recorder.flush();
    const deepest = Math.max(...[...sink.chains().keys()].map((k) => k.split(' > ').length));
    expect(deepest).toBeLessThanOrEqual(64);
    const ok = await captureShop(port, listener, recorder, sink);
    expect(ok.code).toBe(0);
  });

  it('detaches requests beyond maxSessions at once; they run normally without the debugger', async () => {
    const { listener, port, ends } = await start({ maxSessions: 1 });
    const { child, done } = runPhpDebug(join(EDGE, 'forever.php'), port);
    try {
      while (listener.status().active < 1) await new Promise((r) => setTimeout(r, 20));
      const extra = await runPhpDebug(SHOP, port, ['1']).done;
      expect(extra).toMatchObject({ code: 0, stdout: SHOP_OUT(1) });
      expect(listener.status()).toMatchObject({ active: 1, refused: 1, sessions: 1 });
    } finally {
      child.kill('SIGKILL');
      await done;
    }
    await listener.idle();
    expect(ends.map((e) => e.reason)).toEqual(['disconnected']);
  });

  it('survives a PHP process killed mid-session', async () => {
    const { sink, recorder, listener, port, ends } = await start();
    const { child, done } = runPhpDebug(join(EDGE, 'forever.php'), port);
    // Kill it in the middle of stepping, once calls are being recorded.
    while (recorder.totals.calls < 20) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await done;
    await listener.idle();
    expect(ends[0]!.reason).toBe('disconnected');
    const ok = await captureShop(port, listener, recorder, sink);
    expect(ok.code).toBe(0);
    expect(ends.at(-1)!.reason).toBe('stopping');
  });
});

describe('DBGp listener against bad peers', () => {
  const send = (port: number, data: Buffer | string, end = true) =>
    new Promise<{ closed: boolean; received: string }>((resolve) => {
      const s: Socket = connect(port, '127.0.0.1');
      let received = '';
      s.on('data', (d) => {
        received += String(d);
      });
      s.on('connect', () => {
        s.write(data);
        if (end) s.end();
      });
      s.on('close', () => resolve({ closed: true, received }));
      s.on('error', () => undefined);
    });

  it('answers garbage, truncated packets, bad XML and a silent peer with a clear ending, and keeps serving', async () => {
    const { listener, port, ends } = await start({ initTimeoutMs: 300 });
    await send(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await send(port, '500\0<init fileuri="file:///x.php"');
    await send(port, '9\0<init<<<>\0');
    await send(port, Buffer.alloc(0), false);
    await listener.idle();
    expect(ends).toHaveLength(4);
    for (const e of ends) expect(e.reason).toBe('protocol_error');
    expect(ends[0]!.error?.code).toBe('PARSE_FAILED');
    expect(ends[1]!.error?.message).toMatch(/truncated DBGp packet/);
    expect(ends[2]!.error?.message).toMatch(/malformed DBGp XML/);
    expect(ends[3]!.error?.code).toBe('DB_TIMEOUT');
    expect(listener.status()).toMatchObject({ listening: true, sessions: 4, active: 0 });
  });

  /**
   * A fake engine: sends a valid init packet, then answers each command with the
   * next scripted reply (a function of the command's transaction id); `close`
   * drops the connection instead, `{ last }` writes and then drops it.
   */
  const fakeEngine = (port: number, replies: ((tid: string) => string | { last: string })[]) =>
    new Promise<void>((resolve) => {
      const s: Socket = connect(port, '127.0.0.1');
      const packet = (xml: string) => `${Buffer.byteLength(xml)}\0${xml}\0`;
      s.on('connect', () =>
        s.write(
          packet(
            '<init xmlns="urn:debugger_protocol_v1" fileuri="file:///app/x.php" language="PHP" ' +
              'protocol_version="1.0" appid="42" idekey="k"><engine version="3.2.0">Xdebug</engine></init>',
          ),
        ),
      );
      let step = 0;
      let pending = '';
      s.on('data', (d) => {
        pending += String(d);
        for (let nul = pending.indexOf('\0'); nul >= 0; nul = pending.indexOf('\0')) {
          const cmd = pending.slice(0, nul);
          pending = pending.slice(nul + 1);
          const tid = /-i (\d+)/.exec(cmd)?.[1] ?? '0';
          const reply = replies[step++]?.(tid) ?? 'close';
          if (reply === 'close') s.destroy();
          else if (typeof reply === 'string') s.write(reply);
          else s.end(reply.last);
        }
      });
      s.on('close', () => resolve());
      s.on('error', () => undefined);
    });

  it('ends a session whose engine sends garbage, a truncated packet or disconnects mid-session', async () => {
    const { listener, port, ends } = await start({ responseTimeoutMs: 1_000 });
    const ok = (tid: string) => {
      const xml = `<response xmlns="urn:debugger_protocol_v1" command="feature_set" transaction_id="${tid}" success="1"/>`;
      return `${Buffer.byteLength(xml)}\0${xml}\0`;
    };
    // Garbage where the second response should be.
    await fakeEngine(port, [ok, () => 'this is not DBGp\0']);
    // A packet announced as 400 bytes that stops after a few: the engine goes away, or hangs.
    const cut = '400\0<response xmlns="urn:debugger_protocol_v1" comm';
    await fakeEngine(port, [ok, ok, () => ({ last: cut })]);
    await fakeEngine(port, [ok, () => cut]);
    // A valid conversation cut off by the engine between two commands.
    await fakeEngine(port, [ok, ok, ok, () => 'close']);
    // A response to a command that was never sent.
    await fakeEngine(port, [(tid) => ok(String(Number(tid) + 7))]);
    await listener.idle();
    expect(ends.map((e) => e.reason)).toEqual([
      'protocol_error',
      'protocol_error',
      'protocol_error',
      'disconnected',
      'protocol_error',
    ]);
    expect(ends[0]!.error?.code).toBe('PARSE_FAILED');
    expect(ends[1]!.error?.message).toMatch(/truncated DBGp packet/);
    expect(ends[2]!.error).toMatchObject({
      code: 'DB_TIMEOUT',
      message: expect.stringMatching(/no response/),
    });
    expect(ends[3]!.error?.code).toBe('CLOSED');
    expect(ends[4]!.error?.message).toMatch(/matches no pending command/);
    // Each was a real session (the init packet was read) and is recorded as aborted.
    for (const e of ends) expect(e.request).toMatchObject({ appId: '42', status: 'aborted' });
    expect(listener.status()).toMatchObject({ listening: true, sessions: 5, active: 0 });
  });

  it('refuses addresses outside the allow-list', () => {
    expect(isAllowed('127.0.0.1', [])).toBe(true);
    expect(isAllowed('::ffff:127.0.0.1', [])).toBe(true);
    expect(isAllowed('10.0.0.5', [])).toBe(false);
    expect(isAllowed('10.0.0.5', ['10.0.0.5'])).toBe(true);
    expect(isAllowed('10.0.0.6', ['10.0.0.5'])).toBe(false);
  });
});
