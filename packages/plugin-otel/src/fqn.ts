/**
 * Splits a fully qualified name of any supported language into comparable parts:
 * `App\Http\OrderController::store`, `app.orders.OrderService.list`,
 * `com.example.Greeting#greet`, `src/services/dash.ts:DashService.get` all become
 * lists of identifiers (a TS file part loses its extension), so that a span's name
 * and an indexed name compare whatever separator each side used.
 */
export function fqnParts(fqn: string): string[] {
  let s = fqn.trim().replace(/\(.*\)$/, '');
  let fileParts: string[] = [];
  const single = /(^|[^:]):(?!:)/.exec(s);
  if (single && !s.includes('::')) {
    const at = single.index + single[1]!.length;
    const file = s.slice(0, at);
    s = s.slice(at + 1);
    fileParts = file
      .replace(/\\/g, '/')
      .replace(/\.[A-Za-z0-9]+$/, '')
      .split('/')
      .filter((p) => p !== '' && p !== '.');
  }
  const parts = s
    .replace(/::/g, '.')
    .split(/[.\\/#$]+/)
    .filter((p) => p !== '' && p !== '<locals>' && p !== '<lambda>');
  return [...fileParts, ...parts];
}

/** The key of a list of name parts in lookup maps. */
export function partsKey(parts: readonly string[]): string {
  return parts.join('\u0001');
}

/** The fully qualified name a span's attributes give, current or older semantic conventions. */
export function spanFqn(attrs: Readonly<Record<string, unknown>>): string | undefined {
  const fn = str(attrs['code.function.name']) ?? str(attrs['code.function']);
  if (!fn) return undefined;
  const ns = str(attrs['code.namespace']);
  if (!ns || fn.startsWith(ns)) return fn;
  // PHP namespaces end at a class, joined with `::`; every other language joins with `.`.
  return ns.includes('\\') ? `${ns}::${fn}` : `${ns}.${fn}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Normalises an HTTP route template so that `/users/:id`, `/users/{id}` and `/users/<int:id>` compare equal. */
export function normaliseRoute(route: string): string {
  const path = route.split('?')[0]!.trim();
  const norm = path
    .split('/')
    .map((seg) => (/^(:\w+\??|\{[^}]*\}|<[^>]*>|\*\w*|\[[^\]]*\])$/.test(seg) ? '{}' : seg))
    .join('/');
  const trimmed = norm.length > 1 ? norm.replace(/\/+$/, '') : norm;
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
