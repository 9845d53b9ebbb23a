import type { CommandIO, CommandSpec, PluginContext } from '@cgc/core';
import type { Command } from 'commander';

/** What the bridge needs to run a command: its context and IO, and where to put the exit code. */
export interface BridgeRuntime {
  context(plugin: string): PluginContext;
  io: CommandIO;
  /** Receives the command's exit code. */
  setExitCode(code: number): void;
}

/**
 * Adds a plugin's CommandSpec (arguments, options, subcommands, run) to a commander
 * program. `origin` marks plugin commands in `--help`.
 */
export function addSpec(
  parent: Command,
  spec: CommandSpec,
  plugin: string,
  rt: BridgeRuntime,
  origin?: string,
): Command {
  // `.command()` (not `addCommand`) so the subcommand inherits exitOverride and output settings.
  const cmd = parent
    .command(spec.name)
    .description(origin ? `${spec.description} [plugin: ${origin}]` : spec.description);
  if (origin) cmd.helpGroup('Plugin commands:');
  for (const a of spec.args ?? []) {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    cmd.argument(a.required ? `<${name}>` : `[${name}]`, a.description ?? '');
  }
  for (const o of spec.options ?? []) {
    if (o.default === undefined) cmd.option(o.flags, o.description ?? '');
    else cmd.option(o.flags, o.description ?? '', o.default as string | boolean);
  }
  for (const sub of spec.subcommands ?? []) addSpec(cmd, sub, plugin, rt);
  const run = spec.run;
  if (run) {
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const values = self.processedArgs as (string | string[] | undefined)[];
      const args = Object.fromEntries((spec.args ?? []).map((a, i) => [a.name, values[i]]));
      const code = await run(args, self.optsWithGlobals(), rt.context(plugin), rt.io);
      rt.setExitCode(typeof code === 'number' ? code : 0);
    });
  }
  return cmd;
}
