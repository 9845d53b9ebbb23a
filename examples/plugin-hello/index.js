// @ts-check
/**
 * An example third-party cgc plugin, in plain ESM JavaScript with JSDoc types so it
 * needs no build step. Copy this package to start your own (see docs/plugins.md).
 */
import { readFileSync } from 'node:fs';
import { z } from '@cgc/core';

/** The command and tool names; change them when you copy this plugin. */
const COMMAND = 'hello';
const TOOL = 'hello_world';

// Name and version come from package.json so `cgc plugin list` and the package agree.
/** @type {{ name: string, version: string }} */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * Builds the greeting; `settings.greeting` comes from config `plugins.settings` or
 * `CGC_PLUGIN_EXAMPLE_PLUGIN_HELLO_GREETING`.
 * @param {string} name
 * @param {Readonly<Record<string, unknown>>} settings
 */
function greet(name, settings) {
  const greeting = typeof settings.greeting === 'string' ? settings.greeting : 'Hello';
  return `${greeting}, ${name}!`;
}

/**
 * The plugin factory: the package's default export.
 * @type {import('@cgc/core').PluginFactory}
 */
export default function helloPlugin() {
  return {
    name: pkg.name,
    version: pkg.version,
    coreRange: '>=0.1.0 <1.0.0',
    commands: [
      {
        name: COMMAND,
        description: 'Say hello',
        args: [{ name: 'name', description: 'who to greet', required: false }],
        options: [{ flags: '-s, --shout', description: 'greet in capitals' }],
        run(args, options, ctx, io) {
          const name = typeof args.name === 'string' ? args.name : 'world';
          const text = greet(name, ctx.settings);
          if (options.json) io.json({ greeting: text });
          else io.print(options.shout ? text.toUpperCase() : text);
          return 0;
        },
      },
    ],
    tools: [
      {
        name: TOOL,
        title: 'Hello world',
        description: 'Returns a greeting for the given name. Use it to check that cgc plugins load.',
        input: { name: z.string().min(1).max(200).default('world').describe('Who to greet') },
        readOnly: true,
        handler(input, ctx) {
          return { greeting: greet(String(input.name), ctx.settings) };
        },
      },
    ],
  };
}
