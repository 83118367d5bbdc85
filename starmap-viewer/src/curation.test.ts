/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { describe, expect, it } from 'vitest';
import { forEachBit, modeOf, toBitmap } from './curation';

describe('bitmaps', () => {
  it('put point i at bit i % 8 of byte i / 8, as the server does, and read back', () => {
    const flags = new Uint8Array(20);
    for (const i of [0, 3, 8, 19]) flags[i] = 1;
    flags[5] = 2; // deleted, not selected
    const b = toBitmap(flags, 1);
    expect(Array.from(atob(b), (c) => c.charCodeAt(0))).toEqual([0b1001, 0b1, 0b1000]);
    const back: number[] = [];
    forEachBit(b, (r) => back.push(r));
    expect(back).toEqual([0, 3, 8, 19]);
  });

  it('handle a million points', () => {
    const flags = new Uint8Array(1_000_000);
    for (let i = 0; i < flags.length; i += 7) flags[i] = 1;
    let n = 0;
    forEachBit(toBitmap(flags, 1), () => n++);
    expect(n).toBe(Math.ceil(1_000_000 / 7));
  });
});

describe('modeOf', () => {
  it('shift adds, alt subtracts, else replaces', () => {
    expect(modeOf({ shiftKey: false, altKey: false })).toBe('replace');
    expect(modeOf({ shiftKey: true, altKey: false })).toBe('add');
    expect(modeOf({ shiftKey: false, altKey: true })).toBe('subtract');
  });
});
