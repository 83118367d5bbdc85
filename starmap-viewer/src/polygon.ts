/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Point-in-polygon for many points: the exact even-odd test, made cheap by a grid over the polygon. */

/** The even-odd rule — the server's test, with the same arithmetic. */
export function insideExact(x: number, y: number, xs: ArrayLike<number>, ys: ArrayLike<number>): boolean {
  let inside = false;
  for (let a = 0, b = xs.length - 1; a < xs.length; b = a++) {
    if ((ys[a] > y) !== (ys[b] > y) && x < (xs[b] - xs[a]) * (y - ys[a]) / (ys[b] - ys[a]) + xs[a]) inside = !inside;
  }
  return inside;
}

const OUT = 0;
const IN = 1;
const EDGE = 2;

/**
 * A polygon with a G × G grid over its bounding box: each cell is inside, outside, or crossed by an
 * edge (dilated by one cell). A point in an inside or outside cell gets that cell's answer; only
 * points in edge cells run the exact test. No edge passes through an inside or outside cell, so every
 * point of such a cell is on the same side as its centre: the answers are the exact test's.
 */
export class PolygonTest {
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  private readonly cells: Uint8Array;
  private readonly sx: number;
  private readonly sy: number;

  constructor(private readonly xs: number[], private readonly ys: number[], private readonly g = 128) {
    this.minX = Math.min(...xs);
    this.maxX = Math.max(...xs);
    this.minY = Math.min(...ys);
    this.maxY = Math.max(...ys);
    this.sx = g / Math.max(this.maxX - this.minX, 1e-300);
    this.sy = g / Math.max(this.maxY - this.minY, 1e-300);
    this.cells = new Uint8Array(g * g);
    // edges: walk each one in small steps and mark the cells it crosses, with their neighbours
    for (let a = 0, b = xs.length - 1; a < xs.length; b = a++) {
      const x0 = (xs[b] - this.minX) * this.sx;
      const y0 = (ys[b] - this.minY) * this.sy;
      const x1 = (xs[a] - this.minX) * this.sx;
      const y1 = (ys[a] - this.minY) * this.sy;
      const steps = Math.ceil(2 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))) + 1;
      for (let t = 0; t <= steps; t++) {
        const cx = Math.floor(x0 + (x1 - x0) * (t / steps));
        const cy = Math.floor(y0 + (y1 - y0) * (t / steps));
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const u = cx + dx;
            const v = cy + dy;
            if (u >= 0 && u < g && v >= 0 && v < g) this.cells[v * g + u] = EDGE;
          }
        }
      }
    }
    for (let v = 0; v < g; v++) {
      for (let u = 0; u < g; u++) {
        if (this.cells[v * g + u] === EDGE) continue;
        const x = this.minX + (u + 0.5) / this.sx;
        const y = this.minY + (v + 0.5) / this.sy;
        this.cells[v * g + u] = insideExact(x, y, xs, ys) ? IN : OUT;
      }
    }
  }

  /** Whether (x, y) is inside, by the even-odd rule. */
  inside(x: number, y: number): boolean {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return false;
    const u = Math.min(this.g - 1, Math.floor((x - this.minX) * this.sx));
    const v = Math.min(this.g - 1, Math.floor((y - this.minY) * this.sy));
    const c = this.cells[v * this.g + u];
    return c === EDGE ? insideExact(x, y, this.xs, this.ys) : c === IN;
  }
}
