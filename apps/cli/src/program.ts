import type { CommandSpec, Engine } from '@cgc/core';
import { Command } from 'commander';
import { addSpec, type BridgeRuntime } from './commander-bridge.js';
import { CLI_VERSION } from './version.js';

/** Where commander writes: help to stdout, usage errors are collected by the error boundary. */
export interface ProgramOutput {
  writeOut(s: string): void;
  writeErr(s: string): void;
}

/** The commander program: global options, then every registry command, plugin ones marked. */
export function buildProgram(engine: Engine, rt: BridgeRuntime, out: ProgramOutput): Command {
  const program = new Command('cgc')
    .description('cgc indexes code into a graph and serves it to AI assistants over MCP.')
    .version(CLI_VERSION, '-v, --version', 'print the version')
    .option('--json', 'print JSON where a command supports it')
    .option('--debug', 'debug logs, and stack traces on errors')
    .option('-c, --config <file>', 'config file (default ./cgc.config.json, then $CGC_HOME/config.json)')
    .option('--database <backend>', 'database for this run: kuzu, neo4j or falkordb')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: out.writeOut,
      writeErr: out.writeErr,
      outputError: () => undefined,
      // Piped help (scripts, tests) is not wrapped at 80 columns, so plugin markers stay on their line.
      getOutHelpWidth: () => process.stdout.columns ?? 160,
      getErrHelpWidth: () => process.stderr.columns ?? 160,
    });
  program.commandsGroup('Commands:');
  const packages = new Map(engine.registry.records.map((r) => [r.name, r.packageName]));
  for (const { plugin, builtin, command } of engine.registry.commands) {
    // A malformed spec from one plugin must not take the whole command line down.
    const bad = badNames(command);
    if (bad) {
      engine.logger.warn(`plugin ${plugin}: command "${bad}" skipped: names are letters, digits, - and _`);
      continue;
    }
    addSpec(program, command, plugin, rt, builtin ? undefined : (packages.get(plugin) ?? plugin));
  }
  program.helpCommand('help [command]', 'show help for a command');
  return program;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The first command or argument name commander would misread (spaces, brackets), if any. */
function badNames(spec: CommandSpec): string | undefined {
  if (!NAME.test(spec.name)) return spec.name;
  for (const a of spec.args ?? []) if (!NAME.test(a.name)) return `${spec.name} ${a.name}`;
  for (const sub of spec.subcommands ?? []) {
    const bad = badNames(sub);
    if (bad) return `${spec.name} ${bad}`;
  }
  return undefined;
}
