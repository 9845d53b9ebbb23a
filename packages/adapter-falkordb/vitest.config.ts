import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('adapter-falkordb', {
  test: {
    globalSetup: ['./test/global-setup.ts'],
    // Files share the test servers and two cores with the rest of the run: one after another.
    fileParallelism: false,
  },
});
