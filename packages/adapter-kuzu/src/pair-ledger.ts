/**
 * Which (from, to) pairs of each relationship type this process has written since it saw the
 * type's table empty, kept in a growing Bloom filter per type. A pair the filter has never seen is
 * certainly not stored, so a batch of such pairs can be COPYed straight in without a join against
 * the graph (that join costs ~0.5-1 s per batch at 1M nodes whatever the batch size). A pair it
 * may have seen takes the checked path. Any write the ledger cannot follow (a Cypher write query)
 * makes it forget everything, so it only ever errs towards checking.
 */
export class PairLedger {
  readonly #filters = new Map<string, GrowingBloom>();
  /** Types whose table was seen non-empty while not followed: not counted again until a delete. */
  readonly #seenStored = new Set<string>();

  /** Whether pairs of `type` are being followed. */
  follows(type: string): boolean {
    return this.#filters.has(type);
  }

  /** Whether counting the table of `type` could let the ledger start following it. */
  worthCounting(type: string): boolean {
    return !this.#filters.has(type) && !this.#seenStored.has(type);
  }

  /** Takes the row count of the table of `type`: empty starts following it. */
  counted(type: string, rows: number): void {
    if (rows === 0) this.#filters.set(type, new GrowingBloom());
    else this.#seenStored.add(type);
  }

  /** Nodes were deleted: tables may be empty again (followed pairs stay valid: deleting only removes). */
  deleted(): void {
    this.#seenStored.clear();
  }

  /** Splits pair keys into those certainly not stored and those that may be. */
  split<T>(type: string, rows: readonly T[], key: (r: T) => string): { fresh: T[]; maybe: T[] } {
    const filter = this.#filters.get(type);
    if (!filter) return { fresh: [], maybe: [...rows] };
    const fresh: T[] = [];
    const maybe: T[] = [];
    for (const r of rows) (filter.has(key(r)) ? maybe : fresh).push(r);
    return { fresh, maybe };
  }

  /** Records pairs that are now stored (or may be). */
  add(type: string, keys: Iterable<string>): void {
    const filter = this.#filters.get(type);
    if (filter) for (const k of keys) filter.add(k);
  }

  /**
   * Stops following `type`: its writer vouches for its own pairs (RelBatch.fresh), so recording
   * them would only cost hashing and memory that grows with every pair ever written.
   */
  release(type: string): void {
    if (this.#filters.delete(type)) this.#seenStored.add(type);
  }

  /** Forgets every type: a write happened that the ledger could not follow. */
  forgetAll(): void {
    this.#filters.clear();
    this.#seenStored.clear();
  }
}

// Two 32-bit FNV-1a hashes with different offsets; bit i of k is h1 + i*h2 (double hashing).
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

const BITS_PER_ITEM = 16;
const PROBES = 5;
const FIRST_CAPACITY = 1 << 16;

/** A Bloom filter that adds a layer twice as big whenever the last one is full (~0.05% false positives a layer). */
class GrowingBloom {
  readonly #layers: { bits: Uint32Array; size: number; capacity: number; count: number }[] = [];

  has(key: string): boolean {
    const [h1, h2] = hashes(key);
    return this.#layers.some((l) => probe(l.bits, l.size, h1, h2));
  }

  add(key: string): void {
    let layer = this.#layers.at(-1);
    if (!layer || layer.count >= layer.capacity) {
      const capacity = layer ? layer.capacity * 2 : FIRST_CAPACITY;
      const size = capacity * BITS_PER_ITEM;
      layer = { bits: new Uint32Array(size / 32), size, capacity, count: 0 };
      this.#layers.push(layer);
    }
    const [h1, h2] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) % layer.size;
      layer.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    layer.count++;
  }
}

function probe(bits: Uint32Array, size: number, h1: number, h2: number): boolean {
  for (let i = 0; i < PROBES; i++) {
    const bit = (h1 + i * h2) % size;
    if ((bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/**
 * The pair keys of relationship rows, made only when iterated: {@link PairLedger.add} reads them
 * only for a type it follows (a first index's millions of held pairs were keyed for nothing).
 */
export function* pairKeys(
  rows: readonly { readonly from: string; readonly to: string }[],
): Generator<string> {
  for (const r of rows) yield `${r.from}\u0000${r.to}`;
}
