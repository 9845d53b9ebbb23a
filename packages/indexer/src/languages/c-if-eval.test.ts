import { describe, expect, it } from 'vitest';
import { armTaken, evaluate, fileLookup } from './c-if-eval.js';

describe('#if arms a default build takes', () => {
  const lookup = fileLookup('#define HAVE_VARARG\n#  define DEBUGLEVEL 0\n#define LIMIT (16)\n');

  it("reads the file's own definitions and leaves debug and disabling switches off", () => {
    expect(armTaken('if (DEBUGLEVEL>=2)', lookup)).toBe(false);
    expect(armTaken('if (DEBUGLEVEL>=2)|else', lookup)).toBe(true);
    expect(armTaken('if defined(DEBUGBUILD)', lookup)).toBe(false);
    expect(armTaken('ifndef NDEBUG', lookup)).toBe(true);
    const verbose = 'if !defined(HAVE_VARARG) || (defined(HAVE_VARARG) && !defined(CURL_DISABLE_VERBOSE))';
    expect(armTaken(verbose, lookup)).toBe(true);
    expect(armTaken(`${verbose}|else`, lookup)).toBe(false);
    expect(evaluate('LIMIT * 2 == 32 && 1', lookup)).toBe(1);
  });

  it('does not decide on a name the file does not define', () => {
    expect(armTaken('ifdef HAVE_FEATURE', lookup)).toBeUndefined();
    expect(armTaken('if HAVE_FEATURE || DEBUGLEVEL', lookup)).toBeUndefined();
    expect(armTaken('if HAVE_FEATURE && DEBUGLEVEL', lookup)).toBe(false);
    expect(evaluate('X ? 1 : 0', lookup)).toBeUndefined();
  });
});
