/**
 * Receivers whose class the expression itself writes out: JS/TS `new Query(x).run()`, Go
 * `new(T).M()`, `(&T{…}).M()`, `T{…}.M()`, Java `((T) x).m()`, `new T(x).m()`, `Outer.this.m()`; and
 * Java's `a[i].m()`, an element of the array variable `a`.
 */
const GO_VALUE = /^(?:new\(([\w.]+)(?:\[[^()]*\])?\)|\(?&?([\w.]+)(?:\[[^{}]*\])?\{[\s\S]*\}\)?)$/;
const JS_NEW = /^new\s+([\w$.]+)\s*\((?:[^()]|\([^()]*\))*\)$/;
// no class body (`new T() {…}.m()` is an anonymous class's); arguments two brackets deep at most
const JAVA_NEW =
  /^new\s+([\w$.]+)\s*(?:<[\w$.<>?,\s[\]]*>)?\s*\((?:[^(){}]|\((?:[^(){}]|\([^(){}]*\))*\))*\)$/;
const JAVA_OUTER_THIS = /^([\w$.]+)\.this$/;
const JAVA_CAST = /^\(\(\s*([\w$.]+)\s*(?:<[\w$.<>?,\s[\]]*>)?\s*\)\s*([\s\S]+)\)$/;
const JS_LANGS = new Set(['javascript', 'typescript', 'tsx']);

/** The class name a receiver expression constructs or casts to, in its language; undefined for any other. */
export function writtenClass(lang: string, recv: string): string | undefined {
  if (JS_LANGS.has(lang)) return JS_NEW.exec(recv)?.[1];
  if (lang === 'go') {
    const m = GO_VALUE.exec(recv);
    return m ? (m[1] ?? m[2]) : undefined;
  }
  if (lang !== 'java') return undefined;
  const made = JAVA_NEW.exec(recv) ?? JAVA_OUTER_THIS.exec(recv);
  if (made) return made[1];
  const cast = JAVA_CAST.exec(recv);
  return cast && castsWhole(cast[2]!) ? cast[1] : undefined;
}

/**
 * Whether a Java cast applies to the whole operand: a name, a field or a call chain (`x`,
 * `this.out`, `a.get(i).b()`), no operator outside its brackets (`(T) a + b` casts a only).
 */
function castsWhole(operand: string): boolean {
  let depth = 0;
  for (const ch of operand.trim()) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && !/[\w$.]/.test(ch)) return false;
    if (depth < 0) return false;
  }
  return depth === 0 && /^[\w$]/.test(operand.trim());
}

/** Java `a[i]` or `this.a[i]` (one index): the array variable `a`, with whether `this.` names it a field. */
export function arrayElementOf(lang: string, recv: string): { name: string; field: boolean } | undefined {
  const m = lang === 'java' ? /^(this\.)?([\w$]+)\[[^[\]]*\]$/.exec(recv) : null;
  return m ? { name: m[2]!, field: !!m[1] } : undefined;
}

/** The element type of a declared Java array type (`Node[]` → `Node`); '' for a type that is no array. */
export function elementType(type: string): string {
  const t = type.trimEnd();
  return t.endsWith('[]') ? t.slice(0, -2).trimEnd() : '';
}
