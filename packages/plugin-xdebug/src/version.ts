/** This package's version. */
export const PLUGIN_VERSION = '0.1.0';
