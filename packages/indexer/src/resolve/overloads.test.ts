import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeRepository } from '../index-repository.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'java', 'overloads');

describe('overload choice', () => {
  it('picks the overload by arity, varargs and the argument types the syntax shows', async () => {
    const { sink } = await analyzeRepository(fixture, { workers: 0, storeSource: false });
    const fns = new Map(sink.all('Function').map((f) => [String(f.id), f]));
    const from = (fqn: string) => sink.all('Function').find((f) => f.fqn === fqn)!.id;
    // call line -> "file:line" of the declaration it was linked to
    const links = (caller: string, except?: number) =>
      Object.fromEntries(
        sink.rels
          .filter((r) => r.type === 'CALLS' && r.from === from(caller))
          .flatMap((r) => {
            const t = fns.get(r.to);
            const at = t ? `${String(t.path).split('/').pop()}:${t.line_number}` : r.to;
            return ((r.properties?.lines ?? []) as number[])
              .filter((l) => l !== except)
              .map((line) => [line, at]);
          }),
      );
    expect(links('shop.Orders.load', 41)).toEqual({
      37: 'Orders.java:48', // read(path)
      39: 'Failure.java:9', // new Failure(e), e an IOException: the Throwable constructor
      42: 'Failure.java:5', // new Failure("stale: " + path): a String
      44: 'Orders.java:19', // name(() -> "x"): not the String overload
      45: 'Orders.java:23', // name(path.toString())
    });
    // line 41: newer(path, 10L), newer(path, "ref") and newer(path, 1L, 2, 3) (varargs), one edge each
    const newer = sink.rels.filter(
      (r) => r.type === 'CALLS' && r.from === from('shop.Orders.load') && fns.get(r.to)?.name === 'newer',
    );
    expect(newer.map((r) => fns.get(r.to)!.line_number).sort()).toEqual([11, 15, 7]);
    // newer(path, millis, 0) in the two-argument overload: only the variadic one takes three
    expect(links('shop.Orders.newer')).toEqual({ 8: 'Orders.java:15' });
    // Filter.java: this(…) picks a sibling constructor (a varargs parameter is an array inside
    // its function), and a loop variable is typed
    const inFilter = sink.rels
      .filter((r) => r.type === 'CALLS' && String(fns.get(r.from)?.path).endsWith('Filter.java'))
      .flatMap((r) =>
        ((r.properties?.lines ?? []) as number[]).map(
          (line) =>
            `${line} -> ${String(fns.get(r.to)?.path).split('/').pop()}:${fns.get(r.to)?.line_number}`,
        ),
      )
      .sort();
    expect(inFilter).toEqual(['12 -> Filter.java:15', '19 -> Orders.java:35', '8 -> Filter.java:15']);
    // Times.java: isNewer(file, reference) is the fixed-arity (Path, Path); isNewer(file, time) with a
    // FileTime matches the varargs (Path, FileTime, LinkOption...) better: not certain, not linked
    expect(links('shop.Times.check')).toEqual({ 18: 'Times.java:8' });
  });
});
