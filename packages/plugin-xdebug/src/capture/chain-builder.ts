import { createHash } from 'node:crypto';
import { type FrameName, parseFrameName } from './frame-name.js';
import { LruMap } from './lru.js';

/** A distinct StackFrame: a function entered from one call site. */
export interface FrameInfo {
  /** Stable id: hash of class, method, call-site file and call-site line. */
  readonly id: string;
  readonly where: string;
  readonly name: FrameName;
  /** Where the frame was called from (the caller's file and line); the script and 0 for `{main}`. */
  readonly callFile: string;
  readonly callLine: number;
  readonly internal: boolean;
}

/** One level of a live stack: the frame and the hash of the chain from `{main}` down to it. */
export interface StackLevel {
  readonly frame: FrameInfo;
  readonly chainHash: string;
  /** Where this frame itself runs, when known (file, first line seen); used to resolve by line. */
  ownFile: string;
  ownLine: number;
}

/** Hash of a frame's identity (class, method, call file, call line). */
export function frameId(className: string, method: string, callFile: string, callLine: number): string {
  return createHash('sha1')
    .update(`${className}\u0000${method}\u0000${callFile}\u0000${callLine}`)
    .digest('hex');
}

/**
 * Interns frames and computes chain hashes incrementally (hash of the parent
 * chain's hash and the frame id), so a call costs one small hash at most. Both
 * caches are bounded LRUs, so memory stays flat on long traces.
 */
export class ChainBuilder {
  readonly #frames: LruMap<string, FrameInfo>;
  readonly #chains: LruMap<string, string>;

  constructor(cacheSize = 50_000) {
    this.#frames = new LruMap(cacheSize);
    this.#chains = new LruMap(cacheSize);
  }

  /** The frame for a name entered from a call site (interned). */
  frame(where: string, callFile: string, callLine: number, internal = false): FrameInfo {
    const key = `${where}\u0000${callFile}\u0000${callLine}\u0000${internal ? 1 : 0}`;
    let f = this.#frames.get(key);
    if (!f) {
      const name = parseFrameName(where, internal);
      const cls = name.className;
      const method =
        name.kind === 'main' || name.kind === 'closure' || name.kind === 'include' ? where : name.method;
      f = { id: frameId(cls, method, callFile, callLine), where, name, callFile, callLine, internal };
      this.#frames.set(key, f);
    }
    return f;
  }

  /** A stack level for `frame` below `parent` (undefined for the root). */
  level(frame: FrameInfo, parent: StackLevel | undefined, ownFile = '', ownLine = 0): StackLevel {
    const parentHash = parent?.chainHash ?? '';
    const key = `${parentHash}${frame.id}`;
    let chainHash = this.#chains.get(key);
    if (!chainHash) {
      chainHash = createHash('sha1').update(key).digest('hex');
      this.#chains.set(key, chainHash);
    }
    return { frame, chainHash, ownFile, ownLine };
  }
}
