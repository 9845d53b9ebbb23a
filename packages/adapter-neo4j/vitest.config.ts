import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('adapter-neo4j', {
  test: {
    globalSetup: ['./test/global-setup.ts'],
    // Each file talks to real servers; two cores are shared, so files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
