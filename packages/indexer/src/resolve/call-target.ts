import type { Sym } from './symbols.js';

/** How a call was resolved, with the confidence each strategy earns. */
export const CONFIDENCE = {
  self: 0.95,
  local: 0.95,
  'same-file': 0.9,
  constructor: 0.9,
  import: 0.9,
  static: 0.9,
  inherited: 0.85,
  'typed-receiver': 0.85,
  'same-package': 0.85,
  'field-type': 0.8,
  'return-type': 0.7,
  'global-unique': 0.5,
} as const;

/** A resolution strategy name. */
export type Resolution = keyof typeof CONFIDENCE;

/** A resolved call target. */
export interface CallTarget {
  readonly sym: Sym;
  readonly resolution: Resolution;
}
