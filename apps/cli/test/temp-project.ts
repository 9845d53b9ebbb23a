import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = resolve(here, '../../..');
/** The cli's entry, run from source. */
export const CLI_SRC = join(ROOT, 'apps/cli/src/bin.ts');
/** The example plugin package. */
export const HELLO_DIR = join(ROOT, 'examples/plugin-hello');
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json')), 'dist/loader.mjs'),
).href;

/** The node command line that runs `cgc` from source, as a user's shell would. */
export const CLI_COMMAND = {
  command: process.execPath,
  args: ['--import', TSX_LOADER, '--conditions=@cgc/source', CLI_SRC],
};

/** What one run of the cli did. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A plugin package written by a test: package.json fields and the module source. */
export interface PluginFiles {
  readonly pkg: Record<string, unknown>;
  readonly index: string;
}

/**
 * A temporary project with its own node_modules, CGC_HOME and an empty global
 * node_modules, so the machine's installed packages never leak into a test.
 */
export class TempProject {
  readonly dir: string;
  readonly home: string;
  readonly globalModules: string;
  readonly modules: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(extraEnv: NodeJS.ProcessEnv = {}) {
    this.dir = realpathSync(mkdtempSync(join(tmpdir(), 'cgc-project-')));
    this.home = join(this.dir, '.cgc-home');
    this.globalModules = join(this.dir, '.global-node-modules');
    this.modules = join(this.dir, 'node_modules');
    mkdirSync(this.home);
    mkdirSync(this.globalModules);
    mkdirSync(join(this.modules, '@cgc'), { recursive: true });
    // Plugins import `z` and types from @cgc/core as a peer: the project provides it.
    symlinkSync(join(ROOT, 'packages/core'), join(this.modules, '@cgc/core'), 'dir');
    writeFileSync(join(this.dir, 'package.json'), JSON.stringify({ name: 'temp-project', private: true }));
    this.env = {
      PATH: process.env.PATH,
      HOME: this.dir,
      CGC_HOME: this.home,
      CGC_GLOBAL_NODE_MODULES: this.globalModules,
      ...extraEnv,
    };
  }

  /** Links a package directory into node_modules under its name, like `npm i <dir>`. */
  link(packageName: string, dir: string): void {
    const target = join(this.modules, packageName);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(dir, target, 'dir');
  }

  /** Writes a plugin package into node_modules. */
  write(packageName: string, files: PluginFiles): void {
    const dir = join(this.modules, packageName);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        { name: packageName, version: '1.0.0', type: 'module', main: 'index.js', ...files.pkg },
        null,
        2,
      ),
    );
    writeFileSync(join(dir, 'index.js'), files.index);
  }

  /** Removes a package, like `npm uninstall`. */
  remove(packageName: string): void {
    rmSync(join(this.modules, packageName), { recursive: true, force: true });
  }

  /** Runs `cgc <args>` in the project. */
  run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return new Promise((done) => {
      execFile(
        CLI_COMMAND.command,
        [...CLI_COMMAND.args, ...args],
        { cwd: this.dir, env: { ...this.env, ...env }, timeout: 60_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          done({ code, stdout, stderr });
        },
      );
    });
  }

  /** Deletes the project. */
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A small plugin source with one command and one tool, importing `z` from core. */
export function pluginSource(name: string, command: string, tool: string, extra = ''): string {
  return `import { z } from '@cgc/core';
${extra}
export default () => ({
  name: ${JSON.stringify(name)},
  version: '1.0.0',
  commands: [{ name: ${JSON.stringify(command)}, description: 'Greets from ${name}', run: (_a, _o, _c, io) => { io.print('hi from ${name}'); } }],
  tools: [{ name: ${JSON.stringify(tool)}, description: 'a tool of ${name}', input: { who: z.string().default('you') }, handler: (i) => ({ from: ${JSON.stringify(name)}, who: i.who }) }],
});
`;
}
