/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The server's HTTP API, as the viewer uses it. */

export interface LayoutInfo { name: string; method: string; dimension: number; metrics: Record<string, number>; }
export interface ColumnInfo { name: string; type: string; role: string; }
export interface AtlasInfo {
  name: string; points: number; vectorDimension: number | null; images: string | null;
  layouts: LayoutInfo[]; columns: ColumnInfo[]; label: string | null; graphs: string[];
  /** Whether the server may write annotations to it. */
  editable: boolean;
  /** A text column naming points for labels ("name" or "title"), or null: ids name them. */
  nameColumn: string | null;
}
export interface CategoryMeta { kind: 'category'; name: string; dictionary: string[]; counts: number[]; other: number; missing: number; }
export interface NumberMeta { kind: 'number'; name: string; min: number; max: number; bins: number; missing: number; }
export type ColumnMeta = CategoryMeta | NumberMeta;
export interface PointRecord { row: number; id: string; fields: Record<string, unknown>; image: boolean; }
export interface Neighbor { row: number; distance: number; }
export interface Match { row: number; id: string; label: string | null; }

/** One chunk of a graph's undirected edges as row pairs, and how many chunks and edges there are in all. */
export interface EdgeChunk { pairs: Uint32Array; chunks: number; total: number; }
/** Rows of a list of ids, the ids that named no point, and the graph's edges among the rows (pairs). */
export interface Lookup { rows: number[]; unknownCount: number; unknown: string[]; graph: string | null; edges: number[]; }

/** A selection as the server answers it: the count and one bit per point (base64). */
export interface Selection { count: number; bitmap: string; rows?: number[]; }
export interface HistoryEntry {
  seq: number; at: string; author: string; action: string; value: string | null; count: number; note: string | null;
  inEffect: boolean;
}
/** The edits in effect: rows by current label, rows by tag, deleted rows; and the log's version. */
export interface EditState { version: number; labels: Record<string, number[]>; tags: Record<string, number[]>; deleted: number[]; }

/** Positions of every point, row i at 3i … 3i+2 (z = 0 for 2-D layouts), quantised to 0 … 65535 per axis. */
export interface Positions { dimension: number; count: number; quantized: Uint16Array; lo: number[]; span: number[]; }

const token = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('token');

function headers(): HeadersInit {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The response, or an Error carrying the server's JSON error message (else the HTTP status). */
async function checked(r: Response): Promise<Response> {
  if (!r.ok) {
    let message = `${r.status} ${r.statusText}`;
    try { message = (await r.json()).error ?? message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return r;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  return checked(await fetch(`api/${path}`, { method, headers: { ...headers(), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) }));
}

async function get(path: string): Promise<Response> {
  return checked(await fetch(`api/${path}`, { headers: headers() }));
}

const enc = encodeURIComponent;

export const api = {
  // a map draws 1-3 dimensions; wider layouts (a graph's 4-8-D MDE or node2vec embedding) are inputs to others
  atlases: async (): Promise<AtlasInfo[]> => ((await (await get('atlases')).json()) as AtlasInfo[])
    .map((a) => ({ ...a, layouts: a.layouts.filter((l) => l.dimension >= 1 && l.dimension <= 3) })),
  column: async (atlas: string, column: string): Promise<ColumnMeta> =>
    (await get(`atlases/${enc(atlas)}/columns/${enc(column)}`)).json(),
  codes: async (atlas: string, column: string): Promise<Uint8Array> =>
    new Uint8Array(await (await get(`atlases/${enc(atlas)}/columns/${enc(column)}/codes`)).arrayBuffer()),
  record: async (atlas: string, row: number): Promise<PointRecord> =>
    (await get(`atlases/${enc(atlas)}/points/${row}`)).json(),
  neighbors: async (atlas: string, row: number, k: number): Promise<{ graph: string | null; neighbors: Neighbor[] }> =>
    (await get(`atlases/${enc(atlas)}/points/${row}/neighbors?k=${k}`)).json(),
  search: async (atlas: string, q: string): Promise<Match[]> =>
    (await (await get(`atlases/${enc(atlas)}/search?q=${enc(q)}&limit=20`)).json()).matches,
  imageUrl: (atlas: string, row: number): string =>
    `api/atlases/${enc(atlas)}/points/${row}/image${token ? `?token=${enc(token)}` : ''}`,
  edges: async (atlas: string, graph: string, chunk: number): Promise<EdgeChunk> => {
    const r = await get(`atlases/${enc(atlas)}/graphs/${enc(graph)}/edges?chunk=${chunk}`);
    return { pairs: new Uint32Array(await r.arrayBuffer()), chunks: Number(r.headers.get('X-Starmap-Chunks')),
      total: Number(r.headers.get('X-Starmap-Edges')) };
  },
  lookup: async (atlas: string, ids: string[]): Promise<Lookup> =>
    (await send('POST', `atlases/${enc(atlas)}/lookup`, { ids })).json(),
  importance: async (atlas: string): Promise<Uint8Array> =>
    new Uint8Array(await (await get(`atlases/${enc(atlas)}/importance`)).arrayBuffer()),
  names: async (atlas: string, rows: number[]): Promise<string[]> =>
    (await (await get(`atlases/${enc(atlas)}/names?rows=${rows.join(',')}`)).json()).names,
  select: async (atlas: string, body: unknown): Promise<Selection> =>
    (await send('POST', `atlases/${enc(atlas)}/select`, body)).json(),
  annotate: async (atlas: string, body: unknown): Promise<{ seq: number; count: number; version: number }> =>
    (await send('POST', `atlases/${enc(atlas)}/annotations`, body)).json(),
  revert: async (atlas: string, seq: number, undo: boolean): Promise<{ version: number }> =>
    (await send('POST', `atlases/${enc(atlas)}/annotations/${seq}/${undo ? 'undo' : 'redo'}`, { author: 'viewer' })).json(),
  history: async (atlas: string, after: number): Promise<{ version: number; entries: HistoryEntry[] }> =>
    (await get(`atlases/${enc(atlas)}/annotations?after=${after}`)).json(),
  state: async (atlas: string): Promise<EditState> => (await get(`atlases/${enc(atlas)}/state`)).json(),
  selectionIds: async (atlas: string, bitmap: string): Promise<string> =>
    (await send('POST', `atlases/${enc(atlas)}/selection/ids`, { bitmap })).text(),
  exportUrl: (atlas: string, format: string, layout: string | null, since: number | null): string => {
    const q = new URLSearchParams({ format });
    if (layout) q.set('layout', layout);
    if (since !== null) q.set('since', String(since));
    if (token) q.set('token', token);
    return `api/atlases/${enc(atlas)}/export?${q}`;
  },
  positions: async (atlas: string, layout: string): Promise<Positions> => {
    const r = await get(`atlases/${enc(atlas)}/layouts/${enc(layout)}/positions?encoding=u16`);
    const dimension = Number(r.headers.get('X-Starmap-Dimension'));
    const bounds: number[] = JSON.parse(r.headers.get('X-Starmap-Bounds') ?? '[]');
    return decodePositions(new Uint16Array(await r.arrayBuffer()), dimension, bounds);
  },
};

/** Spreads {@code dimension}-wide quantised rows into rows of three; a missing z axis gets span 0. */
export function decodePositions(raw: Uint16Array, dimension: number, bounds: number[]): Positions {
  const count = dimension > 0 ? raw.length / dimension : 0;
  const quantized = dimension === 3 ? raw : new Uint16Array(count * 3);
  if (dimension !== 3) {
    for (let i = 0; i < count; i++) {
      for (let a = 0; a < dimension; a++) quantized[i * 3 + a] = raw[i * dimension + a];
    }
  }
  const lo = [0, 0, 0];
  const span = [0, 0, 0];
  for (let a = 0; a < dimension; a++) {
    lo[a] = bounds[2 * a];
    span[a] = bounds[2 * a + 1] - bounds[2 * a];
  }
  return { dimension, count, quantized, lo, span };
}
