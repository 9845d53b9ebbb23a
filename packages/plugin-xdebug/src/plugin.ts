import { type CgcPlugin, definePlugin, type PluginContext } from '@cgc/core';
import { xdebugCommands } from './commands.js';
import { closeRuntime, contextSettings, runtimeFor } from './context-runtime.js';
import { XDEBUG_SCHEMA } from './schema.js';
import { resolveSettings } from './settings.js';
import { xdebugTools } from './tools.js';
import { PLUGIN_VERSION } from './version.js';

/**
 * The Xdebug plugin factory. The DBGp listener service and the MCP tools exist
 * only when enabled (`CGC_PLUGIN_XDEBUG_ENABLED=true`); the `cgc xdebug` commands
 * are always there (`start` refuses while disabled, `import` works on files).
 */
export const createXdebugPlugin = definePlugin((options = {}): CgcPlugin => {
  const enabled = resolveSettings(options).enabled;
  let serviceCtx: PluginContext | undefined;
  return {
    name: 'xdebug',
    version: PLUGIN_VERSION,
    coreRange: '^0.1.0',
    schema: XDEBUG_SCHEMA,
    commands: xdebugCommands(options),
    tools: enabled ? xdebugTools() : [],
    services: [
      {
        name: 'xdebug-listener',
        async start(ctx) {
          const settings = contextSettings(ctx, options);
          if (!settings.enabled) {
            ctx.logger.info('Xdebug listener not started: set CGC_PLUGIN_XDEBUG_ENABLED=true to enable it');
            if (!settings.traceDir) return;
            // Importing trace files is safe without the debugger: the watcher runs on its own.
            serviceCtx = ctx;
            (await runtimeFor(ctx, options)).startWatcher();
            return;
          }
          serviceCtx = ctx;
          await (await runtimeFor(ctx, options)).startListener();
        },
        async stop() {
          const ctx = serviceCtx;
          serviceCtx = undefined;
          if (ctx) await closeRuntime(ctx);
        },
        status() {
          return { enabled, running: serviceCtx !== undefined };
        },
      },
    ],
  };
});
