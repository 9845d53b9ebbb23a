import { describe, expect, it } from 'vitest';
import type { CallIR } from '../ir.js';
import { internCalls, packCalls, unpackCalls } from './packed-calls.js';

describe('packed calls', () => {
  const calls: CallIR[] = [
    { name: 'kfree', form: 'call', line: 3, caller: 0, argc: 1 },
    { name: 'save', receiver: 'this.repo', form: 'call', line: 4, caller: 1, argc: 2, argTypes: 'String,?' },
    { name: 'Order', form: 'new', line: 9 },
    { name: 'kfree', form: 'call', line: 12, caller: 1, argc: 1 },
    { name: '__init__', receiver: 'super', form: 'super', line: 20, caller: 2 },
    { name: 'reset', receiver: 'state_', form: 'call', line: 21, caller: 2, argc: 0, arrow: true },
    { name: 'many', form: 'macro', line: 22, argc: 300, within: 'DEBUGLOG' },
  ];

  it('gives back every call site as it was, each text stored once', () => {
    const p = packCalls(calls);
    expect([...unpackCalls(p)]).toEqual(calls);
    expect(p.strings.filter((s) => s === 'kfree')).toHaveLength(1);
    expect(p.ints).toBeInstanceOf(Int32Array);
    expect(p.ints.buffer).toBe(p.bytes.buffer);
    expect([...unpackCalls(packCalls([]))]).toEqual([]);
  });

  it('survives a structured clone (a worker posting it) and interns each text once per file', () => {
    const seen: string[] = [];
    const p = internCalls(structuredClone(packCalls(calls)), (s) => {
      seen.push(s);
      return s;
    });
    expect([...unpackCalls(p)]).toEqual(calls);
    expect(seen.sort()).toEqual([
      'DEBUGLOG',
      'Order',
      'String,?',
      '__init__',
      'kfree',
      'many',
      'reset',
      'save',
      'state_',
      'super',
      'this.repo',
    ]);
  });
});
