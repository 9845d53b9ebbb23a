import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('plugin-xdebug', { test: { testTimeout: 60_000 } });
