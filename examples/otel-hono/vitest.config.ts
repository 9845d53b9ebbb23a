import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('example-otel-hono');
