export { type ConformanceOptions, runAdapterConformance } from './conformance.js';
export { CONFORMANCE_SCHEMA } from './conformance-schema.js';
