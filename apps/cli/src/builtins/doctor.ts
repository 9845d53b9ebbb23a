import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CgcConfig, CORE_VERSION, type CommandIO, type Engine, isCgcError } from '@cgc/core';
import { EXIT } from '../exit-codes.js';
import { describeRecord } from './records.js';

/** Facts about the invocation the doctor reports. */
export interface DoctorHost {
  readonly version: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The `--config` flag, when given. */
  readonly configFile: string | undefined;
  engine(): Engine;
}

/** Where the connection goes, without secrets. */
export function databaseTarget(config: CgcConfig): string {
  const db = config.database;
  if (db.backend === 'kuzu') return db.kuzu.path ?? `(adapter default under ${config.home})`;
  if (db.backend === 'neo4j')
    return `${db.neo4j.uri} as ${db.neo4j.username}${db.neo4j.database ? ` db ${db.neo4j.database}` : ''}`;
  return `${db.falkordb.url ?? `${db.falkordb.host}:${db.falkordb.port}`} graph ${db.falkordb.graph}`;
}

function configFileUsed(host: DoctorHost, home: string): string | undefined {
  if (host.configFile) return resolve(host.cwd, host.configFile);
  if (host.env.CGC_CONFIG) return resolve(host.cwd, host.env.CGC_CONFIG);
  return [join(host.cwd, 'cgc.config.json'), join(home, 'config.json')].find((p) => existsSync(p));
}

async function checkDatabase(engine: Engine, timeoutMs: number) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([engine.store().then((s) => s.read('RETURN 1 AS ok')), timeout]);
    return { ok: true as const, ms: Math.round(performance.now() - started) };
  } catch (err) {
    const code = isCgcError(err) ? err.code : 'DB_UNAVAILABLE';
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { ok: false as const, code, error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every check, prints the report, returns the exit code: 3 when the database fails, 1 when a plugin does. */
export async function runDoctor(
  host: DoctorHost,
  io: CommandIO,
  options: { json: boolean; timeoutMs: number },
) {
  const engine = host.engine();
  const { config } = engine;
  const database = {
    backend: config.database.backend,
    target: databaseTarget(config),
    ...(await checkDatabase(engine, options.timeoutMs)),
  };
  const plugins = engine.registry.records.map(describeRecord);
  const failed = plugins.filter((p) => p.state === 'failed').length;
  const skipped = plugins.filter((p) => p.state === 'skipped').length;
  const exitCode = !database.ok ? EXIT.database : failed > 0 ? EXIT.failure : EXIT.ok;
  const report = {
    ok: exitCode === EXIT.ok,
    versions: { cli: host.version, core: CORE_VERSION, node: process.version },
    config: {
      file: configFileUsed(host, config.home) ?? null,
      home: config.home,
      logLevel: config.logLevel,
      pluginTimeoutMs: config.plugins.timeoutMs,
      mcp: { host: config.mcp.host, port: config.mcp.port },
    },
    database,
    plugins,
  };
  if (options.json) {
    io.json(report);
    return exitCode;
  }
  const mark = (good: boolean) => (good ? 'ok  ' : 'FAIL');
  io.print(`cgc ${host.version} (core ${CORE_VERSION}, node ${process.version})`);
  io.print(`${mark(true)} config     ${report.config.file ?? '(no file: defaults and environment)'}`);
  io.print(`     home       ${config.home}`);
  io.print(
    `${mark(database.ok)} database   ${database.backend} ${database.target}: ${
      database.ok ? `answers (${database.ms} ms)` : `${database.error} [${database.code}]`
    }`,
  );
  const loaded = plugins.length - failed - skipped;
  io.print(`${mark(failed === 0)} plugins    ${loaded} loaded, ${skipped} skipped, ${failed} failed`);
  for (const p of plugins) {
    const where = p.builtin ? 'builtin' : `${p.package}@${p.version}`;
    io.print(`       ${p.state.padEnd(7)} ${p.name} (${where})${p.reason ? `: ${p.reason}` : ''}`);
  }
  return exitCode;
}
