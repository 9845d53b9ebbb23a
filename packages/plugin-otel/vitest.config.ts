import { cgcProject } from '../../vitest.shared.js';

export default cgcProject('plugin-otel');
