import { describe, expect, it } from 'vitest';
import { extractSource } from '../extract/extract.js';
import { loadGrammar } from '../grammars.js';
import { blankExportMacros } from './c-attribute-macros.js';
import { c, cpp } from './c-family.js';

describe('blankExportMacros', () => {
  it('blanks a capitalised macro between class/struct and the name, keeping every position', () => {
    const src = 'class GTEST_API_ Message {\n};\nstruct DLL_EXPORT Point final : Base {};\n';
    const out = blankExportMacros(src);
    expect(out).toBe('class            Message {\n};\nstruct            Point final : Base {};\n');
    expect(out.length).toBe(src.length);
  });

  it('leaves what is not an export macro alone', () => {
    for (const src of [
      'class Widget final {};', // `final` is not a class name
      'struct stat st{};', // a variable of type `struct stat`, brace-initialised
      'class Out Ns::Cls::make() {}', // a function returning `class Out`
      'class A : public B {};',
      'template <class T, class U> struct Pair {};',
    ])
      expect(blankExportMacros(src)).toBe(src);
  });
});

describe('C++ export macros in the graph', () => {
  it('finds the class, no call in its body, and keeps its source as written', async () => {
    const lang = await loadGrammar(cpp, () => undefined);
    const src = 'class UI_API Widget {\n public:\n  Widget();\n};\n';
    const ir = extractSource(cpp, lang!, src, { path: 'w.hpp' }, { storeSource: true });
    expect(ir.classes.map((c) => c.name)).toEqual(['Widget']);
    expect(ir.classes[0]!.source).toContain('class UI_API Widget');
    expect(ir.calls).toEqual([]);
  });
});

describe('argument counts', () => {
  it('counts arguments, not the comments between them', async () => {
    const lang = await loadGrammar(cpp, () => undefined);
    const src = 'void run() {\n  f(a, /* b */ c);\n  g(a, b);\n  h();\n  k(a // why\n  );\n}\n';
    const ir = extractSource(cpp, lang!, src, { path: 'r.cpp' });
    expect(ir.calls.map((c) => [c.name, c.argc])).toEqual([
      ['f', 2],
      ['g', 2],
      ['h', 0],
      ['k', 1],
    ]);
  });
});

describe('unbalanced braces', () => {
  it('makes no function of a statement keyword', async () => {
    const lang = await loadGrammar(c, () => undefined);
    // Braces and parentheses that only balance once the preprocessor has run (zlib's gz_open).
    const src = [
      'int open_file(const void *path, int fd) {',
      '    struct file *f;',
      '    }',
      '    flags |=',
      '          (f->mode == 2 ?',
      '           TRUNC :',
      '           APPEND)));',
      '    if (fd == -1)',
      '        f->fd = open_it((const char *)path, flags);',
      '#ifdef WIDE',
      '    else if (fd == -2)',
      '        f->fd = wide_open(path, flags);',
      '#endif',
      '    else {',
      '        f->fd = fd;',
      '    }',
      '}',
      '',
    ].join('\n');
    const ir = extractSource(c, lang!, src, { path: 'gzlib.c' });
    expect(ir.functions.map((f) => f.name)).not.toContain('if');
  });
});
