import { isCgcError } from '@cgc/core';
import { describe, expect, it } from 'vitest';
import { DbgpFrameDecoder, encodeCommand } from './framing.js';

const frame = (xml: string) => Buffer.from(`${Buffer.byteLength(xml)}\0${xml}\0`);

describe('DbgpFrameDecoder', () => {
  it('reassembles packets split at every byte boundary and several packets per chunk', () => {
    const a = '<?xml version="1.0"?><init fileuri="file:///x.php"/>';
    const b = '<response transaction_id="1" command="run" status="break"/>';
    const bytes = Buffer.concat([frame(a), frame(b)]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const d = new DbgpFrameDecoder(1024);
      const out = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))];
      expect(out).toEqual([a, b]);
      expect(d.pending).toBe(0);
    }
  });

  it('counts the length in bytes, not characters (UTF-8 file names)', () => {
    const xml = '<init fileuri="file:///tmp/caf%C3%A9/é.php"/>';
    expect(new DbgpFrameDecoder(1024).push(frame(xml))).toEqual([xml]);
  });

  it('rejects a non-numeric length prefix, a missing terminator and an oversized packet', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return isCgcError(err) ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => new DbgpFrameDecoder(1024).push(Buffer.from('GET / HTTP/1.1\0\r\n')))).toBe(
      'PARSE_FAILED',
    );
    expect(code(() => new DbgpFrameDecoder(1024).push(Buffer.from('GARBAGE-WITHOUT-NUL-AT-ALL')))).toBe(
      'PARSE_FAILED',
    );
    expect(code(() => new DbgpFrameDecoder(1024).push(Buffer.from('3\0abcX')))).toBe('PARSE_FAILED');
    expect(code(() => new DbgpFrameDecoder(10).push(Buffer.from('999\0')))).toBe('PARSE_FAILED');
  });

  it('waits for the rest of a truncated packet', () => {
    const d = new DbgpFrameDecoder(1024);
    expect(d.push(Buffer.from('20\0<resp'))).toEqual([]);
    expect(d.pending).toBe(8);
  });
});

describe('encodeCommand', () => {
  it('writes the transaction id and base64 data, NUL-terminated', () => {
    expect(encodeCommand('step_into', 7).toString()).toBe('step_into -i 7\0');
    expect(encodeCommand('feature_set', 2, '-n max_depth -v 1').toString()).toBe(
      'feature_set -i 2 -n max_depth -v 1\0',
    );
    expect(encodeCommand('eval', 3, '', '1+1').toString()).toBe(
      `eval -i 3 -- ${Buffer.from('1+1').toString('base64')}\0`,
    );
  });
});
