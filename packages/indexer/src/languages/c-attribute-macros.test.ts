import { describe, expect, it } from 'vitest';
import { blankAttributeMacros, blankExportBeforeType, blankWrappedAttributes } from './c-attribute-macros.js';

/** Blanks `lines` with `blank` and checks every position is kept and the lines come out as `expected`. */
function expectBlanked(blank: (src: string) => string, lines: string[], expected: string[]): void {
  const src = lines.join('\n');
  const out = blank(src);
  expect(out).toHaveLength(src.length);
  expect(out.split('\n')).toEqual(expected);
}

describe('attribute macros before a (void) function name', () => {
  it('blanks them, positions unchanged', () => {
    expectBlanked(
      blankAttributeMacros,
      [
        'int __init setup(void)',
        'static void __exit cleanup(void) {}',
        'static int __init __cold late(void);',
        'uLong ZEXPORT zlibCompileFlags(void) {',
        'static unsigned int __cold cold(void)',
        'static struct page *__init first(void)',
      ],
      [
        'int        setup(void)',
        'static void        cleanup(void) {}',
        'static int               late(void);',
        'uLong         zlibCompileFlags(void) {',
        'static unsigned int        cold(void)',
        'static struct page *       first(void)',
      ],
    );
  });

  it('leaves types, modifiers, parameters and other shapes alone', () => {
    for (const src of [
      'static BOOL IsOk(void)', // a storage class, then the type
      'unsigned __int64 ticks(void)', // a sign modifier, then the type
      'LIBBPF_API __u32 libbpf_major_version(void);', // the macro comes first
      'CURL_EXTERN CURLU *curl_url(void);', // pointer after the capitals: which is the type is unclear
      'int notrace traced(int x)', // named parameters: the grammar copes
      'struct FOO BAR(void)',
      '  return FOO bar(void);',
      '#define X int __init f(void)',
    ])
      expect(blankAttributeMacros(src)).toBe(src);
  });
});

describe('attribute macros in double parentheses', () => {
  it('blanks them before a function name and after a parameter name', () => {
    expectBlanked(
      blankWrappedAttributes,
      [
        'static void lzma_attribute((__noreturn__))',
        'error_lzma_preset(const char *valuestr)',
        '\t\tconst char *valuestr lzma_attribute((__unused__)))',
        'void f(void *p ATTR((unused)), int n);',
      ],
      [
        `static void ${' '.repeat(30)}`,
        'error_lzma_preset(const char *valuestr)',
        `\t\tconst char *valuestr ${' '.repeat(28)})`,
        `void f(void *p ${' '.repeat(14)}, int n);`,
      ],
    );
  });

  it('leaves calls alone', () => {
    for (const src of ['return f((a));', 'x = g((a), b);', 'else h((a));', 'if (x) k((a));'])
      expect(blankWrappedAttributes(src)).toBe(src);
  });
});

describe('export macros before a return type', () => {
  it('blanks them before a type word and the name', () => {
    expectBlanked(
      blankExportBeforeType,
      [
        'LUA_API lua_Unsigned lua_rawlen (lua_State *L, int idx) {',
        'XXH_PUBLIC_API XXH_errorcode',
        'XXH64_reset (XXH64_state_t* state, XXH64_hash_t seed)',
        'static FORCE_INLINE size_t count(const void *p)',
      ],
      [
        '        lua_Unsigned lua_rawlen (lua_State *L, int idx) {',
        '               XXH_errorcode',
        'XXH64_reset (XXH64_state_t* state, XXH64_hash_t seed)',
        'static              size_t count(const void *p)',
      ],
    );
  });

  it('leaves other shapes alone', () => {
    for (const src of [
      'ZEXTERN int ZEXPORT deflate OF((z_streamp strm, int flush));',
      'BOOL check(int x);',
      'LUALIB_API int (luaL_getn) (lua_State *L, int t);',
      'SYSCALL_DEFINE3(read, unsigned int, fd)',
      'FOO return f(x);',
    ])
      expect(blankExportBeforeType(src)).toBe(src);
  });
});
