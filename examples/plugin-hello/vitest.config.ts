import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('example-plugin-hello', { test: { include: ['*.test.js'] } });
