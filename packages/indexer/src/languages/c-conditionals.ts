/** One arm of an `#if` block: the block's number in the file and which of its arms (0 `#if`, 1… `#elif`/`#else`). */
export interface Arm {
  readonly block: number;
  readonly arm: number;
}

interface Open extends Arm {
  readonly guard?: string;
}

const DIRECTIVE = /^[ \t]*#[ \t]*(ifndef|ifdef|if|elif|else|endif|define)\b[ \t]*(\w*)/gm;

/**
 * The `#if` arms each line of a C file is compiled under, include guards (`#ifndef X_H` followed by
 * `#define X_H`) left out: a line under none is compiled by every build.
 */
export class Conditionals {
  readonly #from: number[] = [];
  readonly #arms: (readonly Arm[])[] = [];
  // Per block: the offsets of its `#if` and `#endif`, and whether it has an `#elif`/`#else`.
  readonly #blocks: { start: number; end: number; split: boolean }[] = [];

  constructor(text: string, lineAt: (offset: number) => number) {
    const stack: Open[] = [];
    let blocks = 0;
    // An `#ifndef X` whose next directive may make it a guard.
    let pending: Open | undefined;
    const arms = () => stack.filter((o) => o.guard === undefined);
    for (const m of text.matchAll(DIRECTIVE)) {
      const [, word, name] = m;
      if (pending && !(word === 'define' && name === pending.guard)) {
        // No guard after all: a condition from its own line on.
        stack[stack.lastIndexOf(pending)] = { block: pending.block, arm: pending.arm };
        this.#arms[this.#arms.length - 1] = arms();
      }
      pending = undefined;
      if (word === 'define') continue;
      if (word === 'endif') {
        const top = stack.pop();
        if (top) this.#blocks[top.block]!.end = m.index;
      } else if (word === 'elif' || word === 'else') {
        const top = stack.pop();
        if (top) stack.push({ block: top.block, arm: top.arm + 1 });
        if (top) this.#blocks[top.block]!.split = true;
      } else {
        this.#blocks.push({ start: m.index, end: text.length, split: false });
        const open: Open =
          word === 'ifndef' && name ? { block: blocks++, arm: 0, guard: name } : { block: blocks++, arm: 0 };
        if (open.guard !== undefined) pending = open;
        stack.push(open);
      }
      this.#from.push(lineAt(m.index));
      this.#arms.push(arms());
    }
  }

  /**
   * The offsets between which a line under `arms` may have alternatives: the outermost of its blocks
   * that has an `#elif` or `#else` (undefined when none has).
   */
  alternativesSpan(arms: readonly Arm[]): readonly [number, number] | undefined {
    for (const a of arms) {
      const b = this.#blocks[a.block];
      if (b?.split) return [b.start, b.end];
    }
    return undefined;
  }

  /** The arms line `line` is compiled under, outermost first. */
  at(line: number): readonly Arm[] {
    let lo = 0;
    let hi = this.#from.length - 1;
    if (hi < 0 || this.#from[0]! > line) return [];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#from[mid]! <= line) lo = mid;
      else hi = mid - 1;
    }
    return this.#arms[lo]!;
  }
}

/** Whether two lines sit in different arms of one `#if` block: no build compiles both. */
export function alternatives(a: readonly Arm[], b: readonly Arm[]): boolean {
  return a.some((x) => b.some((y) => y.block === x.block && y.arm !== x.arm));
}
