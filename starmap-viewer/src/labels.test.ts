/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { describe, expect, it } from 'vitest';
import { parseIds, placeLabels, spanningTree } from './labels';

describe('placeLabels', () => {
  it('places the heaviest first, never overlapping, never past the budget or the edge', () => {
    const c = [
      { text: 'Trouser', x: 100, y: 100, weight: 10 },
      { text: 'Dress', x: 110, y: 104, weight: 5 }, // on top of Trouser: culled
      { text: 'Bag', x: 300, y: 200, weight: 7 },
      { text: 'Sandal', x: 2, y: 2, weight: 9 }, // would leave the view
      { text: 'Coat', x: 500, y: 300, weight: 1 },
    ];
    const placed = placeLabels(c, 2, 800, 600);
    expect(placed.map((p) => p.text)).toEqual(['Trouser', 'Bag']);
    expect(placed[0].size).toBeGreaterThan(placed[1].size);
    expect(placeLabels(c, 10, 800, 600).map((p) => p.text)).toEqual(['Trouser', 'Bag', 'Coat']);
  });
});

describe('parseIds', () => {
  it('reads lines, CSV first fields, single-line lists and JSON arrays', () => {
    expect(parseIds('a\nb\n\n c \n')).toEqual(['a', 'b', 'c']);
    expect(parseIds('id,score\n"x1",3\nx2,4')).toEqual(['id', 'x1', 'x2']);
    expect(parseIds('1, 2;3 4')).toEqual(['1', '2', '3', '4']);
    expect(parseIds('["p", 7]')).toEqual(['p', '7']);
    expect(parseIds('  ')).toEqual([]);
  });
});

describe('spanningTree', () => {
  it('joins n points with n - 1 shortest edges', () => {
    const pos: Record<number, [number, number, number]> = { 10: [0, 0, 0], 11: [1, 0, 0], 12: [5, 0, 0], 13: [1, 1, 0] };
    const t = spanningTree([10, 11, 12, 13], (r) => pos[r]);
    expect(t).toHaveLength(6);
    const pairs = [];
    for (let i = 0; i < t.length; i += 2) pairs.push([t[i], t[i + 1]].sort().join('-'));
    expect(pairs.sort()).toEqual(['10-11', '11-12', '11-13']);
  });
});
