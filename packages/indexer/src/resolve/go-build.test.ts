import { describe, expect, it } from 'vitest';
import { builds, fileNameConstraint } from './go-build.js';

describe('Go build constraints on linux/amd64', () => {
  it('reads the tags a file name implies', () => {
    expect(fileNameConstraint('term/size_windows.go')).toBe('windows');
    expect(fileNameConstraint('asm_linux_arm64.go')).toBe('linux && arm64');
    expect(fileNameConstraint('cpu_amd64_test.go')).toBe('amd64');
    expect(fileNameConstraint('linux.go')).toBe('');
    expect(fileNameConstraint('ordered_go122.go')).toBe('');
  });

  it('evaluates expressions, unknown where the machine decides', () => {
    expect(builds('go1.22')).toBe(true);
    expect(builds('!go1.22')).toBe(false);
    expect(builds('unix && !windows')).toBe(true);
    expect(builds('(darwin || freebsd) && amd64')).toBe(false);
    expect(builds('linux || ignore')).toBe(true);
    expect(builds('cgo')).toBeUndefined();
    expect(builds('!cgo || linux')).toBe(true);
    expect(builds('customtag')).toBe(false);
    expect(builds('go1.99')).toBeUndefined();
    expect(builds('linux &&')).toBeUndefined();
  });
});
