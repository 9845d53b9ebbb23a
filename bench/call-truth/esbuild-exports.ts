import ts from 'typescript';

/**
 * esbuild's CommonJS output (sequelize's `lib/`) exports through a helper the checker cannot read:
 * `__export(exports, { joinSQLFragments: () => joinSQLFragments })` defines getters at run time.
 * A host that appends the plain `module.exports.joinSQLFragments = joinSQLFragments;` those getters
 * stand for, after the file's last line (positions of the file's own text are unchanged), so that
 * a `require` of the module is typed as Node runs it.
 */
export function esbuildExportsHost(options: ts.CompilerOptions, files: ReadonlySet<string>): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (fileName) => {
    const text = read(fileName);
    if (text === undefined || !files.has(fileName) || !/\.c?js$/.test(fileName)) return text;
    const list = /^__export\(exports, \{\n([^}]*)\}\);$/m.exec(text)?.[1];
    if (!list) return text;
    const pairs = [...list.matchAll(/^\s*([A-Za-z_$][\w$]*): \(\) => ([A-Za-z_$][\w$]*),?$/gm)];
    return `${text}\n${pairs.map(([, name, local]) => `module.exports.${name} = ${local};`).join('\n')}\n`;
  };
  return host;
}
