import type { CgcPlugin, PluginContext, PluginFactory } from '@cgc/core';
import { otelCommands } from './commands.js';
import { type OtelReceivers, startOtelReceivers } from './otel-receivers.js';
import { OTEL_SCHEMA } from './schema.js';
import { type OtelSettings, parseSettings } from './settings.js';
import { otelTools } from './tools.js';

/** The package version, reported by `cgc plugin list`. */
export const OTEL_PLUGIN_VERSION = '0.1.0';

/**
 * The OTEL plugin: OTLP receivers as a service (run by `cgc serve`), the runtime
 * schema, the `otel_*` MCP tools and the `cgc otel` commands. Options are the
 * plugin settings (see docs/plugins/otel.md); settings from the context are merged over them.
 */
export const createOtelPlugin: PluginFactory = (options = {}): CgcPlugin => {
  let receivers: OtelReceivers | undefined;
  let starting: Promise<void> | undefined;
  const settingsOf = (ctx: PluginContext): OtelSettings => parseSettings({ ...options, ...ctx.settings });
  return {
    name: 'otel',
    version: OTEL_PLUGIN_VERSION,
    coreRange: '^0.1.0',
    schema: OTEL_SCHEMA,
    commands: otelCommands(settingsOf, () => receivers),
    tools: otelTools(() => receivers),
    services: [
      {
        name: 'otlp-receivers',
        start(ctx) {
          starting ??= (async () => {
            receivers = await startOtelReceivers({
              store: await ctx.store(),
              settings: settingsOf(ctx),
              logger: ctx.logger,
            });
          })().catch((err) => {
            starting = undefined;
            throw err;
          });
          return starting;
        },
        async stop() {
          const r = receivers;
          receivers = undefined;
          starting = undefined;
          await r?.stop();
        },
        status: () => (receivers ? { ...receivers.status() } : { running: false }),
      },
    ],
  };
};
