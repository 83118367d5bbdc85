/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Label placement: candidates by weight, culled so no two overlap and the budget is never passed. */

export interface Candidate { text: string; x: number; y: number; weight: number; }
export interface Placed extends Candidate { size: number; }

/**
 * Places the heaviest candidates first at a font size from {@code minSize} to {@code maxSize} by weight
 * (relative to the heaviest), skipping any whose box would overlap one already placed or leave the
 * {@code width} × {@code height} view; at most {@code budget}.
 */
export function placeLabels(candidates: Candidate[], budget: number, width: number, height: number,
  minSize = 11, maxSize = 18): Placed[] {
  const sorted = [...candidates].sort((a, b) => b.weight - a.weight);
  const top = sorted[0]?.weight ?? 1;
  const placed: Placed[] = [];
  const boxes: [number, number, number, number][] = [];
  for (const c of sorted) {
    if (placed.length >= budget) break;
    const size = minSize + (maxSize - minSize) * Math.sqrt(Math.max(0, c.weight) / Math.max(top, 1e-12));
    const w = c.text.length * size * 0.6 + 6;
    const h = size * 1.3;
    const box: [number, number, number, number] = [c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2];
    if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) continue;
    if (boxes.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
    boxes.push(box);
    placed.push({ ...c, size: Math.round(size) });
  }
  return placed;
}

/**
 * Reads a list of ids as pasted or from a file: one per line (the first field of a CSV/TSV line,
 * unquoted), or separated by commas, semicolons or spaces on a single line, or a JSON array.
 */
export function parseIds(text: string): string[] {
  const t = text.trim();
  if (t === '') return [];
  if (t.startsWith('[')) {
    try {
      const a = JSON.parse(t);
      if (Array.isArray(a)) return a.map((v) => String(v));
    } catch { /* not JSON after all: read as text */ }
  }
  const lines = t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const fields = lines.length === 1 ? lines[0].split(/[,;\s]+/) : lines.map((l) => l.split(/[,;\t]/)[0]);
  return fields.map((f) => f.trim().replace(/^"(.*)"$/, '$1')).filter((f) => f !== '');
}

/**
 * A minimum spanning tree over points (Prim's, O(n²)), as row pairs: joins a highlighted set into
 * one constellation when the graph has no edges among them.
 */
export function spanningTree(rows: number[], position: (row: number) => [number, number, number]): number[] {
  const n = rows.length;
  if (n < 2) return [];
  const p = rows.map(position);
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const out: number[] = [];
  let current = 0;
  inTree[0] = 1;
  for (let added = 1; added < n; added++) {
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = (p[j][0] - p[current][0]) ** 2 + (p[j][1] - p[current][1]) ** 2 + (p[j][2] - p[current][2]) ** 2;
      if (d < best[j]) {
        best[j] = d;
        from[j] = current;
      }
    }
    let next = -1;
    for (let j = 0; j < n; j++) if (!inTree[j] && (next < 0 || best[j] < best[next])) next = j;
    inTree[next] = 1;
    out.push(rows[from[next]], rows[next]);
    current = next;
  }
  return out;
}
