import { configSchema, ENV_VARS, z } from '@cgc/core';

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

const esc = (s: string) => s.replace(/\|/g, '\\|');

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (s.type === 'array') return `${s.items?.type ?? 'any'}[]`;
  if (s.type === 'object') return 'object';
  if (s.type === 'integer') {
    const min = s.minimum ?? (s.exclusiveMinimum === undefined ? undefined : s.exclusiveMinimum + 1);
    const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
    return min !== undefined && max !== undefined
      ? `integer ${min}–${max}`
      : min !== undefined
        ? `integer ≥ ${min}`
        : 'integer';
  }
  return s.type ?? 'any';
}

function leaves(s: JsonSchema, path: string[] = []): { key: string; schema: JsonSchema }[] {
  // A map of user-chosen names (plugins.settings) is a leaf: its keys are not config keys.
  if (s.type === 'object' && s.properties && Object.keys(s.properties).length > 0) {
    return Object.entries(s.properties).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ key: path.join('.'), schema: s }];
}

/** The config keys table, generated from core's zod schema and ENV_VARS. */
export function configKeysTable(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchema;
  const envFor = new Map<string, string[]>();
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const k = key.split(' ')[0]!;
    envFor.set(k, [...(envFor.get(k) ?? []), name]);
  }
  const rows = leaves(schema).map(({ key, schema: s }) => {
    const def =
      key === 'home' ? '`~/.cgc`' : s.default === undefined ? '—' : `\`${JSON.stringify(s.default)}\``;
    const env = (envFor.get(key) ?? []).map((e) => `\`${e}\``).join(', ') || '—';
    return `| \`${key}\` | ${esc(typeOf(s))} | ${esc(def)} | ${env} |`;
  });
  return ['| key | type | default | variable |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The environment variables table, generated from ENV_VARS. */
export function envVarsTable(): string {
  const rows = Object.entries(ENV_VARS).map(([name, key]) => {
    const target = key.startsWith('(')
      ? key.slice(1, -1)
      : `\`${key.split(' ')[0]}\`${key.includes(' ') ? ` ${key.slice(key.indexOf(' ') + 1)}` : ''}`;
    return `| \`${name}\` | ${esc(target)} |`;
  });
  return ['| variable | sets |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBlock(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/configuration.md lacks the ${start} … ${end} markers`);
  return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
}
