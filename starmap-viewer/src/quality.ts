/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Frame-time-based quality scaling: what a level allows, and the clock that picks the level. */

export interface Quality {
  level: number;
  /** Device pixels per CSS pixel, at most (the screen's own ratio caps it). */
  pixelRatio: number;
  /** Graph edges drawn, at most. */
  edgeBudget: number;
  /** Labels shown, at most. */
  labels: number;
  /** Whether the 3-D glow may run. */
  bloom: boolean;
}

export const QUALITY: Quality[] = [
  { level: 0, pixelRatio: 2, edgeBudget: 400_000, labels: 40, bloom: true },
  { level: 1, pixelRatio: 1, edgeBudget: 150_000, labels: 24, bloom: false },
  { level: 2, pixelRatio: 0.75, edgeBudget: 40_000, labels: 12, bloom: false },
];

/**
 * Watches the time between frames drawn back to back (while the view moves) and steps the quality
 * level down when their median over a window passes {@link FrameClock.slowMs} (about 22 frames a
 * second), up again only after several fast windows and a while after the last step down, so it does
 * not swing back and forth.
 */
export class FrameClock {
  static readonly window = 20;
  static readonly slowMs = 45;
  static readonly fastMs = 18;
  static readonly calmMs = 20_000;
  level = 0;
  /** The median of the last full window, ms (NaN before the first). */
  lastMedian = Number.NaN;
  private samples: number[] = [];
  private previous = -1;
  private fastWindows = 0;
  private steppedDownAt = -Infinity;

  /** A level fixed from outside (a benchmark, or a user who wants full quality); null: follow the frames. */
  locked: number | null = null;

  /** Call on every animation frame; returns true when the level changed. */
  frame(now: number, rendered: boolean): boolean {
    if (this.locked !== null) return false;
    if (!rendered) {
      this.previous = -1;
      return false;
    }
    if (this.previous >= 0) this.samples.push(now - this.previous);
    this.previous = now;
    if (this.samples.length < FrameClock.window) return false;
    const sorted = this.samples.sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    this.samples = [];
    this.lastMedian = median;
    if (median > FrameClock.slowMs && this.level < QUALITY.length - 1) {
      this.level++;
      this.fastWindows = 0;
      this.steppedDownAt = now;
      return true;
    }
    this.fastWindows = median < FrameClock.fastMs ? this.fastWindows + 1 : 0;
    if (this.fastWindows >= 5 && this.level > 0 && now - this.steppedDownAt > FrameClock.calmMs) {
      this.level--;
      this.fastWindows = 0;
      return true;
    }
    return false;
  }
}
