import type { PluginRecord } from '@cgc/core';

/** One plugin as `plugin list --json` prints it. */
export function describeRecord(r: PluginRecord) {
  return {
    name: r.name,
    version: r.version,
    package: r.packageName,
    state: r.state,
    reason: r.reason ?? null,
    code: r.code ?? null,
    builtin: r.builtin,
    commands: (r.plugin?.commands ?? []).map((c) => c.name),
    tools: (r.plugin?.tools ?? []).map((t) => t.name),
  };
}
