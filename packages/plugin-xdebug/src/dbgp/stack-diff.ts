import type { ChainBuilder, StackLevel } from '../capture/chain-builder.js';
import type { DbgpStackEntry } from './packets.js';

/** Calls found between two consecutive stacks. */
export interface StackStep {
  /** The new stack, bottom (`{main}`) first. */
  readonly levels: StackLevel[];
  /** Index of the first level that is a new call (levels.length when none). */
  readonly firstNew: number;
}

/**
 * Turns a `stack_get` answer into levels and finds which frames were entered
 * since the previous stop. A frame's identity includes its call site (the
 * caller's line), so returning and calling again from another line is a new
 * call; frames common to both stacks keep their levels.
 */
export function diffStack(
  builder: ChainBuilder,
  previous: readonly StackLevel[],
  entries: readonly DbgpStackEntry[],
  maxDepth: number,
): StackStep {
  const bottomUp = entries.slice().reverse().slice(0, maxDepth);
  const levels: StackLevel[] = [];
  let firstNew = -1;
  for (let j = 0; j < bottomUp.length; j++) {
    const e = bottomUp[j]!;
    const parentEntry = j > 0 ? bottomUp[j - 1] : undefined;
    const callFile = parentEntry ? parentEntry.file : e.file;
    const callLine = parentEntry ? parentEntry.line : 0;
    // Internal functions (array_map, call_user_func) report their caller's position as their own.
    const internal =
      parentEntry !== undefined &&
      j < bottomUp.length - 1 &&
      e.file === parentEntry.file &&
      e.line === parentEntry.line &&
      e.where !== parentEntry.where &&
      !e.where.includes('{closure');
    const frame = builder.frame(e.where, callFile, callLine, internal);
    const prev = previous[j];
    if (firstNew < 0 && prev && prev.frame.id === frame.id) {
      levels.push(prev);
      continue;
    }
    if (firstNew < 0) firstNew = j;
    levels.push(builder.level(frame, levels[j - 1], e.file, e.line));
  }
  return { levels, firstNew: firstNew < 0 ? levels.length : firstNew };
}

/** Index of the nearest ancestor of level `i` that is not an internal function (-1 when none). */
export function effectiveCaller(levels: readonly StackLevel[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!levels[j]!.frame.internal) return j;
  return -1;
}
