/** Reading the paths rustc prints and the `impl` headers it points at. */

/** `impl<T: X> a::Tr<T> for Foo<T> where …` → self "Foo", trait "Tr", generic when Foo is a parameter. */
export function parseImpl(text: string): { self: string; trait?: string; generic: boolean } | undefined {
  let t = text.replace(/\s+/g, ' ').trim();
  if (!/^(unsafe )?impl\b/.test(t)) return undefined;
  t = t.replace(/^(unsafe )?impl ?/, '');
  const params: string[] = [];
  if (t.startsWith('<')) {
    const end = closing(t, 0);
    for (const p of splitTop(t.slice(1, end), ','))
      params.push(
        p
          .trim()
          .replace(/^const /, '')
          .split(/[:=\s]/)[0]!,
      );
    t = t.slice(end + 1).trim();
  }
  t = t.replace(/ where .*$/, '').replace(/^!/, '');
  const parts = splitTop(t, ' for ');
  const selfText = (parts.length > 1 ? parts[1]! : parts[0]!).trim().replace(/^&('\w+ )?(mut )?/, '');
  const self = last(selfText);
  return {
    self,
    ...(parts.length > 1 ? { trait: last(parts[0]!.trim()) } : {}),
    generic: params.includes(selfText),
  };
}

/** The last path segment without generic arguments: `a::Foo<T>` → `Foo`. */
export function last(path: string): string {
  const p = stripGenerics(path).replace(/^(dyn|impl) /, '');
  const at = p.lastIndexOf('::');
  return at < 0 ? p : p.slice(at + 2);
}

export function stripGenerics(s: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '-' && s[i + 1] === '>') {
      if (depth === 0) out += '->';
      i++;
    } else if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (depth === 0) out += c;
  }
  return out.replace(/::(?=::|$)/g, '');
}

function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '-' && s[i + 1] === '>') i++;
    else if (s[i] === '<') depth++;
    else if (s[i] === '>' && --depth === 0) return i;
  }
  return s.length;
}

/** Splits at `sep` outside angle brackets, parentheses and braces. */
export function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '-' && s[i + 1] === '>') i++;
    else if ('<({['.includes(c)) depth++;
    else if ('>)}]'.includes(c)) depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(from, i));
      from = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(s.slice(from));
  return out;
}

export const splitAs = (inner: string): [string, string | undefined] => {
  const parts = splitTop(inner, ' as ');
  return [parts[0]!.trim(), parts[1]?.trim()];
};

/** The callee text of a call statement: up to its argument list's `(`. */
export function calleeOf(stmt: string): string {
  let depth = 0;
  for (let i = 0; i < stmt.length; i++) {
    const c = stmt[i]!;
    if (c === '-' && stmt[i + 1] === '>') i++;
    else if (c === '<' || c === '{') depth++;
    else if (c === '>' || c === '}') depth--;
    else if (c === '(' && depth === 0) return stmt.slice(0, i);
  }
  return stmt;
}
