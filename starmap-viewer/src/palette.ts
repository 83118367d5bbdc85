/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Colours as bytes: 256 RGBA entries, indexed by the server's one-byte colour codes. */

/** Distinct colours for categories (Tableau 10 then its lighter companions, then glasbey-like extras). */
const CATEGORICAL = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#a0cbe8', '#ffbe7d', '#ff9d9a', '#86bcb6', '#8cd17d', '#f1ce63', '#d4a6c8', '#fabfd2', '#d7b5a6', '#79706e',
];
/** Viridis, 9 stops; numeric bins are interpolated between them. */
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

export const OTHER = 254;
export const MISSING = 255;

function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** The colour of category i: the fixed list first, then golden-angle hues. */
export function categoryColor(i: number): [number, number, number] {
  if (i < CATEGORICAL.length) return rgb(CATEGORICAL[i]);
  const h = (i * 137.508) % 360;
  const s = 0.55;
  const l = 0.6;
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** The colour of numeric bin b of n on viridis. */
export function rampColor(b: number, n: number): [number, number, number] {
  const t = n <= 1 ? 0 : b / (n - 1);
  const x = t * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(VIRIDIS[i]);
  const c = rgb(VIRIDIS[i + 1]);
  return [0, 1, 2].map((k) => Math.round(a[k] + (c[k] - a[k]) * f)) as [number, number, number];
}

/** A CSS gradient of the ramp, for the legend. */
export function rampCss(): string {
  return `linear-gradient(to right, ${VIRIDIS.join(', ')})`;
}

/**
 * The 256-entry RGBA table for a column: categories (hidden ones with alpha 0), or the ramp's bins.
 * "Other" is grey, "missing" darker grey.
 */
export function buildPalette(kind: 'category' | 'number' | 'none', count: number, hidden: Set<number>): Uint8Array {
  const p = new Uint8Array(256 * 4);
  for (let code = 0; code < 256; code++) {
    let c: [number, number, number];
    if (kind === 'none') c = [120, 170, 255];
    else if (code === MISSING) c = [90, 90, 90];
    else if (code === OTHER && kind === 'category') c = [150, 150, 150];
    else if (kind === 'category') c = categoryColor(code);
    else c = rampColor(code, count);
    p.set([c[0], c[1], c[2], hidden.has(code) ? 0 : 255], code * 4);
  }
  return p;
}

export function cssColor(c: [number, number, number]): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
