#!/usr/bin/env node
// `--version` answers before anything heavy is imported.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const { CLI_VERSION } = await import('./version.js');
  process.stdout.write(`${CLI_VERSION}\n`);
} else {
  const arenas = await import('./malloc-arenas.js');
  const code = arenas.wantsArenaCap(argv)
    ? await arenas.runWithArenaCap(argv)
    : await (await import('./main.js')).main(argv);
  // Wait until stdout is flushed, then exit even if a plugin left a handle open.
  process.stdout.write('', () => process.exit(code));
}
