import { cgcProject } from '../../vitest.shared.js';

const project = cgcProject('plugin-otel');
// The OpenTelemetry SDK maps its bundler-only ESM builds (extension-less imports) to the
// `module` condition; resolved by Node they fail to load, so this project resolves without it.
const withoutModule = (c: string[] | undefined) => c?.filter((x) => x !== 'module');
if (project.resolve) project.resolve.conditions = withoutModule(project.resolve.conditions);
if (project.ssr?.resolve) project.ssr.resolve.conditions = withoutModule(project.ssr.resolve.conditions);

export default project;
