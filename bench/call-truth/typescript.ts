import { relative } from 'node:path';
import ts from 'typescript';
import { esbuildExportsHost } from './esbuild-exports.js';
import { addTruth, type Truth, type TruthMap } from './truth.js';

/**
 * The TypeScript compiler's targets for every call, `new` and `super(…)` in `files`. An overload
 * resolves to its implementation; a function held by a typed variable (`const f: Fn = (…) => …`)
 * to its initializer; `new C()` with no project constructor to C.
 */
export function typescriptTruth(root: string, files: readonly string[]): TruthMap {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowJs: true,
    checkJs: false,
    jsx: ts.JsxEmit.Preserve,
    noEmit: true,
    skipLibCheck: true,
    strict: true,
    experimentalDecorators: true,
  };
  const program = ts.createProgram(files, options, esbuildExportsHost(options, new Set(files)));
  const checker = program.getTypeChecker();
  const inside = new Set(files);
  const inProject = (sf: ts.SourceFile) => !sf.isDeclarationFile && inside.has(sf.fileName);
  const lineOf = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const keyOf = (n: ts.Node) => `${relative(root, n.getSourceFile().fileName)}:${lineOf(n)}`;

  /** The declaration with a body that a resolved declaration stands for (overloads → implementation). */
  const implementation = (decl: ts.Declaration): ts.Node | undefined => {
    const body = (d: ts.Node) =>
      (ts.isFunctionLike(d) && 'body' in d && d.body !== undefined) || ts.isClassLike(d);
    if (body(decl)) return decl;
    const sym = (decl as { symbol?: ts.Symbol }).symbol;
    return sym?.declarations?.find(body);
  };

  const heldFunction = (callee: ts.Expression): ts.Declaration | undefined => {
    const at = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    let sym = checker.getSymbolAtLocation(at);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const d = sym?.valueDeclaration;
    const init =
      d && (ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d) || ts.isPropertyDeclaration(d))
        ? d.initializer
        : undefined;
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
  };

  // A tagged template (`` _`${a}.length` ``) calls its tag function as a call expression would.
  const classify = (call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): Truth => {
    const callee = ts.isTaggedTemplateExpression(call) ? call.tag : call.expression;
    const sig = checker.getResolvedSignature(call);
    let decl: ts.Declaration | undefined = sig?.declaration;
    if (ts.isNewExpression(call) && (!decl || !inProject(decl.getSourceFile()))) {
      let sym = checker.getSymbolAtLocation(callee);
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      // `var TrieRouter = class {…}` (bundlers' output): the class the variable holds.
      const held = sym?.valueDeclaration;
      const cls =
        sym?.declarations?.find(ts.isClassLike) ??
        (held && ts.isVariableDeclaration(held) && held.initializer && ts.isClassExpression(held.initializer)
          ? held.initializer
          : undefined);
      if (cls && inProject(cls.getSourceFile())) decl = cls;
    }
    const held = heldFunction(callee);
    if (held) decl = held;
    if (!decl || ts.isJSDocSignature(decl)) return { kind: 'unresolved' };
    if (!inProject(decl.getSourceFile())) return { kind: 'library' };
    const impl = implementation(decl);
    return impl ? { kind: 'project', target: keyOf(impl) } : { kind: 'abstract', target: keyOf(decl) };
  };

  const truth: TruthMap = new Map();
  for (const sf of program.getSourceFiles()) {
    if (!inProject(sf)) continue;
    const visit = (n: ts.Node): void => {
      if (
        ((ts.isCallExpression(n) || ts.isNewExpression(n)) &&
          n.expression.kind !== ts.SyntaxKind.ImportKeyword) ||
        ts.isTaggedTemplateExpression(n)
      )
        addTruth(truth, keyOf(n), classify(n));
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return truth;
}
