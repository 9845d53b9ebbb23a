import { resolve } from 'node:path';
import { createEngine, createLogger, type Engine, loadConfig } from '@cgc/core';
import { CommanderError } from 'commander';
import { adapterFromConfig } from './adapters.js';
import { DESIGNED_COMMANDS, loadBuiltins } from './builtins/load-builtins.js';
import { describeFailure, EXIT, oneLine } from './exit-codes.js';
import { configFlags, scanGlobals } from './globals.js';
import { createIO } from './output.js';
import { buildProgram } from './program.js';
import { CLI_VERSION } from './version.js';

/** Where `main` runs and writes; tests pass their own. */
export interface MainOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdout?: (s: string) => void;
  readonly stderr?: (s: string) => void;
}

const COMMANDER_OK = new Set([
  'commander.helpDisplayed',
  'commander.version',
  'commander.executeSubCommandAsync',
]);

/**
 * Runs one `cgc` invocation and returns its exit code. The single error boundary:
 * everything thrown ends here as one line on stderr and a documented exit code.
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = options.stderr ?? ((s: string) => void process.stderr.write(s));
  const globals = scanGlobals(argv);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    stdout(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);

  let engine: Engine | undefined;
  let exitCode: number = EXIT.ok;
  try {
    const config = loadConfig({
      cwd,
      env,
      flags: configFlags(globals),
      ...(globals.config ? { file: resolve(cwd, globals.config) } : {}),
    });
    const logger = createLogger(config.logLevel, (line) => stderr(`${line}\n`));
    const host = {
      version: CLI_VERSION,
      cwd,
      env,
      configFile: globals.config,
      engine: () => engine!,
    };
    const builtins = await loadBuiltins(host, logger);
    const provided = new Set(builtins.flatMap((p) => (p.commands ?? []).map((c) => c.name)));
    // Core's load timeout timer is unref'd: with a plugin that never settles, nothing
    // else would keep the process alive and Node would exit 13 before the timeout fires.
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
      engine = await createEngine({
        config,
        logger,
        adapter: adapterFromConfig(cwd),
        builtins,
        cwd,
        reservedCommands: DESIGNED_COMMANDS.filter((c) => !provided.has(c)),
      });
    } finally {
      clearInterval(keepAlive);
    }
    const ready = engine;
    const program = buildProgram(
      ready,
      {
        context: (plugin) => ready.context(plugin),
        io: createIO(controller.signal, stdout),
        setExitCode: (code) => {
          exitCode = code;
        },
      },
      { writeOut: stdout, writeErr: stderr },
    );
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync([...argv], { from: 'user' });
    if (controller.signal.aborted && exitCode === EXIT.ok) exitCode = EXIT.interrupted;
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (COMMANDER_OK.has(err.code)) return EXIT.ok;
      // `commander.help`: a command group run without a subcommand; its help is already on stderr.
      if (err.code !== 'commander.help')
        stderr(`cgc: ${oneLine(err.message.replace(/^error: /, ''))} (see cgc --help)\n`);
      return EXIT.usage;
    }
    const failure = describeFailure(err, globals.debug);
    stderr(`${failure.line}\n`);
    if (failure.stack) stderr(`${failure.stack}\n`);
    return failure.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    await engine?.close().catch(() => undefined);
  }
}
