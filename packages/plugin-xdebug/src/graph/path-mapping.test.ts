import { describe, expect, it } from 'vitest';
import { LruMap } from '../capture/lru.js';
import { mapPath, parsePathMappings, unmapPath } from './path-mapping.js';

describe('path mappings', () => {
  it('maps the longest matching prefix on a path boundary', () => {
    const m = parsePathMappings('/var/www=/home/me/app, /var/www/vendor=/home/me/vendor,bad,=x');
    expect(m).toEqual([
      { from: '/var/www/vendor', to: '/home/me/vendor' },
      { from: '/var/www', to: '/home/me/app' },
    ]);
    expect(mapPath('/var/www/src/A.php', m)).toBe('/home/me/app/src/A.php');
    expect(mapPath('/var/www/vendor/x/B.php', m)).toBe('/home/me/vendor/x/B.php');
    expect(mapPath('/var/wwwroot/C.php', m)).toBe('/var/wwwroot/C.php');
    expect(parsePathMappings([{ from: '/a/', to: '/b/' }, { from: 1 }])).toEqual([
      { from: '/a/', to: '/b/' },
    ]);
    expect(mapPath('/a/x.php', parsePathMappings([{ from: '/a/', to: '/b/' }]))).toBe('/b/x.php');
  });

  it('maps repository paths back to runtime paths (for breakpoints), longest repository prefix first', () => {
    const m = parsePathMappings('/var/www=/home/me/app,/opt/vendor=/home/me/app/vendor');
    expect(unmapPath('/home/me/app/src/A.php', m)).toBe('/var/www/src/A.php');
    expect(unmapPath('/home/me/app/vendor/x/B.php', m)).toBe('/opt/vendor/x/B.php');
    expect(unmapPath('/home/me/application/C.php', m)).toBe('/home/me/application/C.php');
    expect(unmapPath('/home/me/app/src/A.php', [])).toBe('/home/me/app/src/A.php');
  });
});

describe('LruMap', () => {
  it('evicts the least recently used entry, reads refresh', () => {
    const l = new LruMap<string, number>(2);
    l.set('a', 1).set('b', 2);
    expect(l.get('a')).toBe(1);
    l.set('c', 3);
    expect(l.has('b')).toBe(false);
    expect(l.has('a') && l.has('c')).toBe(true);
    expect(l.size).toBe(2);
  });
});
