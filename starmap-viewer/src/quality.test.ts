/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { describe, expect, it } from 'vitest';
import { FrameClock } from './quality';

function run(clock: FrameClock, start: number, frames: number, ms: number): number {
  let t = start;
  for (let i = 0; i < frames; i++) {
    clock.frame(t, true);
    t += ms;
  }
  return t;
}

describe('FrameClock', () => {
  it('steps down when frames drawn back to back are slow, and not below the last level', () => {
    const c = new FrameClock();
    let t = run(c, 0, 25, 16);
    expect(c.level).toBe(0);
    t = run(c, t, 25, 80);
    expect(c.level).toBe(1);
    t = run(c, t, 100, 80);
    expect(c.level).toBe(2);
    expect(c.lastMedian).toBe(80);
  });

  it('ignores the gaps between separate interactions', () => {
    const c = new FrameClock();
    let t = 0;
    for (let i = 0; i < 40; i++) {
      c.frame(t, true);
      t += 500; // a frame now and then, nothing drawn in between
      c.frame(t - 1, false);
    }
    expect(c.level).toBe(0);
  });

  it('steps back up only after a calm while of fast frames', () => {
    const c = new FrameClock();
    let t = run(c, 0, 25, 80);
    expect(c.level).toBe(1);
    t = run(c, t, 105, 10);
    expect(c.level).toBe(1); // fast, but too soon after the step down
    t = run(c, t + 30_000, 105, 10);
    expect(c.level).toBe(0);
  });

  it('holds a locked level whatever the frames do', () => {
    const c = new FrameClock();
    c.locked = 0;
    run(c, 0, 100, 200);
    expect(c.level).toBe(0);
  });
});
