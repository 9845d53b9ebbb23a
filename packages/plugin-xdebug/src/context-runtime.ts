import type { PluginContext } from '@cgc/core';
import { XdebugRuntime } from './runtime.js';
import { resolveSettings, type XdebugSettings } from './settings.js';

const runtimes = new WeakMap<PluginContext, Promise<XdebugRuntime>>();

/** Settings of a context: factory options overridden by the context's settings. */
export function contextSettings(
  ctx: PluginContext,
  options: Readonly<Record<string, unknown>>,
): XdebugSettings {
  return resolveSettings(options, ctx.settings);
}

/** One runtime per plugin context (shared by the service, the commands and the tools). */
export function runtimeFor(
  ctx: PluginContext,
  options: Readonly<Record<string, unknown>>,
): Promise<XdebugRuntime> {
  let r = runtimes.get(ctx);
  if (!r) {
    r = ctx.store().then((store) => new XdebugRuntime(store, contextSettings(ctx, options), ctx.logger));
    r.catch(() => runtimes.delete(ctx));
    runtimes.set(ctx, r);
  }
  return r;
}

/** Closes and forgets a context's runtime. */
export async function closeRuntime(ctx: PluginContext): Promise<void> {
  const r = runtimes.get(ctx);
  runtimes.delete(ctx);
  if (r) await (await r.catch(() => undefined))?.close();
}
