/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { describe, expect, it } from 'vitest';
import { insideExact, PolygonTest } from './polygon';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('PolygonTest', () => {
  it('answers exactly as the even-odd rule on random lassos, self-crossing ones included', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = random(seed);
      const k = 3 + Math.floor(r() * 60);
      const xs: number[] = [];
      const ys: number[] = [];
      for (let i = 0; i < k; i++) {
        // a wobbly ring, or (every third seed) points anywhere: a self-crossing scribble
        const a = (2 * Math.PI * i) / k;
        const rad = 0.3 + 0.4 * r();
        xs.push(seed % 3 === 0 ? r() * 2 - 1 : rad * Math.cos(a));
        ys.push(seed % 3 === 0 ? r() * 2 - 1 : rad * Math.sin(a));
      }
      const test = new PolygonTest(xs, ys);
      for (let i = 0; i < 20_000; i++) {
        const x = r() * 2.2 - 1.1;
        const y = r() * 2.2 - 1.1;
        expect(test.inside(x, y)).toBe(insideExact(x, y, xs, ys));
      }
      // and points on the vertices and edges themselves
      for (let i = 0; i < k; i++) {
        const j = (i + 1) % k;
        for (const t of [0, 0.5, 1]) {
          const x = xs[i] + (xs[j] - xs[i]) * t;
          const y = ys[i] + (ys[j] - ys[i]) * t;
          expect(test.inside(x, y)).toBe(insideExact(x, y, xs, ys));
        }
      }
    }
  });
});
