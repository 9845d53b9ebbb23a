import { directiveMatches } from './c-directive-lines.js';
/** One arm of an `#if` block: the block's number in the file and which of its arms (0 `#if`, 1… `#elif`/`#else`). */
export interface Arm {
  readonly block: number;
  readonly arm: number;
}

interface Open extends Arm {
  readonly guard?: string;
}

// A condition may go on over continuation lines (`#if A || \` / `  B`).
const DIRECTIVE =
  /^[ \t]*#[ \t]*(ifndef|ifdef|if|elif|else|endif|define)\b[ \t]*(\w*)((?:[^\n]*\\\r?\n)*[^\n]*)/gm;

/** A directive's condition as written, comments and spacing aside (`#ifdef GUNZIP // gzip` → `ifdef GUNZIP`). */
function conditionText(word: string, name: string, rest: string): string {
  const text = `${name}${rest}`
    .replace(/\\\r?\n/g, ' ')
    .replace(/\/\*.*?\*\/|\/\/.*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${word} ${text}`.trim();
}

/**
 * The `#if` arms each line of a C file is compiled under, include guards (`#ifndef X_H` followed by
 * `#define X_H`) left out: a line under none is compiled by every build.
 */
export class Conditionals {
  readonly #from: number[] = [];
  readonly #arms: (readonly Arm[])[] = [];
  // Per block: the offsets of its `#if` and `#endif`, and whether it has an `#elif`/`#else`.
  readonly #blocks: { start: number; end: number; split: boolean; keys: string[] }[] = [];
  /** The file's `#ifndef X` / `#define X` … `#endif` blocks (include guards and the like): [X, first line, last line]. */
  readonly guards: [string, number, number][] = [];

  constructor(text: string, lineAt: (offset: number) => number) {
    const stack: Open[] = [];
    let blocks = 0;
    // An `#ifndef X` whose next directive may make it a guard.
    let pending: Open | undefined;
    const arms = () => stack.filter((o) => o.guard === undefined);
    for (const m of directiveMatches(text, DIRECTIVE)) {
      const [, word, name, rest] = m;
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
        if (top?.guard !== undefined)
          this.guards.push([top.guard, lineAt(this.#blocks[top.block]!.start), lineAt(m.index)]);
      } else if (word === 'elif' || word === 'else') {
        const top = stack.pop();
        if (top) stack.push({ block: top.block, arm: top.arm + 1 });
        const b = top && this.#blocks[top.block];
        if (b) {
          b.split = true;
          // An arm is known by the conditions before it and its own (`#elif X` after `#if A`).
          b.keys.push(`${b.keys.at(-1)}|${conditionText(word!, name!, rest!)}`);
        }
      } else {
        this.#blocks.push({
          start: m.index,
          end: text.length,
          split: false,
          keys: [conditionText(word!, name!, rest!)],
        });
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

  /**
   * Whether line `line` is taken to be compiled only where line `under` is: each arm of `under` has an
   * arm of the same condition around `line` (another `#ifdef GUNZIP` block counts as the same), or
   * `line` sits under a condition of its own that `under` is not under (xz's `hc_skip()` in `#ifdef
   * HAVE_MF_HC3`, the macro in `#if defined(HAVE_MF_HC3) || defined(HAVE_MF_HC4)`: a feature's code
   * beside the feature's macros). Not a line under fewer conditions than `under`.
   */
  within(line: number, under: number): boolean {
    const key = (a: Arm) => this.#blocks[a.block]?.keys[a.arm];
    const mine = this.at(under);
    const around = this.at(line);
    const keys = new Set(around.map(key));
    if (mine.every((a) => keys.has(key(a)))) return true;
    const blocks = new Set(mine.map((a) => a.block));
    return around.some((a) => !blocks.has(a.block));
  }

  /**
   * Whether `lines` between them sit in every arm of one `#if` … `#else` block: whichever arm a build
   * compiles, one of the lines is in it.
   */
  everyArm(lines: readonly number[]): boolean {
    const arms = lines.map((l) => this.at(l));
    return (arms[0] ?? []).some((a) => {
      const keys = this.#blocks[a.block]?.keys ?? [];
      const covered = new Set(arms.flatMap((as) => as.filter((x) => x.block === a.block).map((x) => x.arm)));
      return keys.at(-1)?.endsWith('|else') === true && covered.size === keys.length;
    });
  }

  /** The conditions line `line` is compiled under, as written (`ifndef isnan`; an `#else` arm's ends in `|else`). */
  conditionsAt(line: number): string[] {
    return this.at(line).flatMap((a) => this.#blocks[a.block]?.keys[a.arm] ?? []);
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
