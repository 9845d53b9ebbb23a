import type { CallIR } from '../ir.js';

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

/** Whitespace (line breaks too) around a member operator: `.`, `?.`, `::`, `->`. */
const AROUND_MEMBER = /\s*(\?\.|\.|::|->)\s*/g;

/**
 * The call with its receiver on one line: a chain broken over lines (`out\n.putShort(x)\n.putInt(y)`)
 * means what `out.putShort(x).putInt(y)` means, in every language read here.
 */
export function tightReceiver(call: CallIR): CallIR {
  const recv = call.receiver;
  if (recv === undefined || !/\s/.test(recv)) return call;
  const tight = recv.replace(AROUND_MEMBER, '$1');
  return tight === recv ? call : { ...call, receiver: tight };
}
