/**
 * The function a call expression calls (`B::new().x` for `B::new().x(1)`), when the text is a
 * call of a name or a member (`a.b`, `A::b`, `f().b`): undefined for anything else.
 */
export function calledFunction(expr: string): string | undefined {
  if (!expr.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = expr.length - 1; i >= 0; i--) {
    const ch = expr[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const open = expr.lastIndexOf(ch, i - 1);
      if (open < 0) return undefined;
      i = open;
    } else if (ch === ')') depth++;
    else if (ch === '(' && --depth === 0) {
      const callee = expr.slice(0, i);
      return /^[\w$]+(?:(?:\.|::|->)#?[\w$]+|\((?:[^()]|\([^()]*\))*\))*$/.test(callee) &&
        /[\w$]$/.test(callee)
        ? callee
        : undefined;
    }
  }
  return undefined;
}
