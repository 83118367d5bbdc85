/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { describe, expect, it } from 'vitest';
import { readState, writeState } from './state';
import { decodePositions } from './api';
import { buildPalette, MISSING } from './palette';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const s = { atlas: 'fm nist', layout: 'tsne-3d', color: 'label', camera: [1, 2, 3, 0, 0, 0, 1.5], selected: 42, hidden: [3, 7] };
    expect(readState('#' + writeState(s))).toEqual(s);
  });
  it('ignores malformed values', () => {
    expect(readState('#camera=1,2,x&selected=-3&hidden=999,2')).toEqual({ hidden: [2] });
  });
});

describe('positions', () => {
  it('spreads 2-D rows into rows of three with a flat z axis', () => {
    const p = decodePositions(new Uint16Array([0, 65535, 100, 200]), 2, [-1, 1, 5, 9]);
    expect(p.count).toBe(2);
    expect(Array.from(p.quantized)).toEqual([0, 65535, 0, 100, 200, 0]);
    expect(p.lo).toEqual([-1, 5, 0]);
    expect(p.span).toEqual([2, 4, 0]);
  });
});

describe('palette', () => {
  it('hides a class by its alpha and greys out missing values', () => {
    const p = buildPalette('category', 10, new Set([2]));
    expect(p[2 * 4 + 3]).toBe(0);
    expect(p[1 * 4 + 3]).toBe(255);
    expect(Array.from(p.slice(MISSING * 4, MISSING * 4 + 3))).toEqual([90, 90, 90]);
  });
});
