import { describe, expect, it } from 'vitest';
import { extractSource } from '../extract/extract.js';
import { loadGrammar } from '../grammars.js';
import { php } from './php.js';
import { docType, docTypes, phpExpr } from './php-types.js';

describe('PHP doc-comment types', () => {
  it('names one class, or none', () => {
    expect(docType('Token')).toBe('Token');
    expect(docType('?\\Twig\\Token')).toBe('\\Twig\\Token');
    expect(docType('Token|null')).toBe('Token');
    expect(docType('$this')).toBe('static');
    expect(docType('Token[]')).toBe('[]Token');
    expect(docType('array<int, \\Twig\\Token>|null')).toBe('[]\\Twig\\Token');
    expect(docType('list<Token>')).toBe('[]Token');
    for (const t of ['string', 'int|false', 'string[]', 'array<A|B>', 'A|B', 'mixed', 'Token[][]', undefined])
      expect(docType(t)).toBeUndefined();
  });

  it('reads @return, @param and @var', () => {
    const doc = '@param Node $node the node\n@param string $name\n@param Writer ...$out\n@return $this';
    expect(docTypes(doc)).toEqual({ params: { node: 'Node', out: 'Writer' }, returns: 'static' });
    expect(docTypes('@var Parser').var).toBe('Parser');
    expect(docTypes('@return array<int, Token> the tokens').returns).toBe('[]Token');
    expect(docTypes('no tags')).toEqual({ params: {} });
  });

  it('reads a chain split over lines as one expression', () => {
    expect(phpExpr("$compiler\n    ->write(\"x(\")\n    ?->raw(f(1), '\\')')")).toBe(
      '$compiler->write()->raw()',
    );
    expect(phpExpr('$a->b(')).toBe('$a->b(');
  });
});

describe('PHP call lines', () => {
  it('places a call of a chain split over lines at its method name, as PHP does', async () => {
    const lang = await loadGrammar(php, () => undefined);
    const src = '<?php\nfunction f($c) {\n  return $c\n    ->at(1)\n    ->go();\n}\n';
    const ir = extractSource(php, lang!, src, { path: 'f.php' });
    expect(ir.calls.map((c) => [c.name, c.line, c.receiver])).toEqual([
      ['go', 5, '$c->at()'],
      ['at', 4, '$c'],
    ]);
  });

  it('types a local per line range, and gives up on a variable assigned too often', async () => {
    const lang = await loadGrammar(php, () => undefined);
    const body = `if ($a) { $x = new B(); }\n  $x->m();\n${'  $y = new A();\n'.repeat(70)}`;
    const src = `<?php\nfunction f($a) {\n  $x = new A();\n  ${body}}\n`;
    const ir = extractSource(php, lang!, src, { path: 'f.php' });
    const locals = ir.functions[0]!.locals;
    expect(locals.x).toBe('@3-76=A;5-76=?;4-4=B');
    expect(locals.y).toBe('?');
  });
});
