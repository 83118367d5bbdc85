/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { api, type AtlasInfo, type ColumnMeta, type EditState, type Match } from './api';
import { Curator, modeOf } from './curation';
import { parseIds, placeLabels, spanningTree, type Candidate } from './labels';
import { PointMap, SHAPES } from './map';
import { buildPalette, categoryColor, cssColor, MISSING, OTHER, rampCss } from './palette';
import { readState, writeState, type ViewState } from './state';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const atlasSelect = $<HTMLSelectElement>('atlas');
const layoutSelect = $<HTMLSelectElement>('layout');
const colorSelect = $<HTMLSelectElement>('color');
const sizeInput = $<HTMLInputElement>('size');
const opacityInput = $<HTMLInputElement>('opacity');
const searchInput = $<HTMLInputElement>('search');
const results = $<HTMLUListElement>('results');
const status = $<HTMLSpanElement>('status');
const legend = $<HTMLElement>('legend');
const details = $<HTMLElement>('details');
const detailsBody = $<HTMLElement>('details-body');
const tooltip = $<HTMLElement>('tooltip');
const canvas = $<HTMLCanvasElement>('map');
const viewButton = $<HTMLButtonElement>('view-button');
const viewPanel = $<HTMLElement>('view-panel');
const shapeSelect = $<HTMLSelectElement>('shape');
const labelsSelect = $<HTMLSelectElement>('labels');
const edgesBox = $<HTMLInputElement>('edges');
const edgesNote = $<HTMLElement>('edges-note');
const glowBox = $<HTMLInputElement>('glow');
const flyBox = $<HTMLInputElement>('fly');
const setIds = $<HTMLTextAreaElement>('set-ids');
const setStatus_ = $<HTMLElement>('set-status');
const labelsLayer = $<HTMLElement>('labels-layer');
const qualityNote = $<HTMLElement>('quality');
const thumbsLayer = $<HTMLElement>('thumbs-layer');

const map = new PointMap(canvas);
const curator = new Curator({
  map,
  atlas: () => atlas,
  layout: () => layoutSelect.value,
  colorMeta: () => meta,
  colorCodes: () => colorCodes,
  open: (row) => void select(row, true),
  edited: (state) => applyEdits(state),
  setStatus: (text) => setStatus(text),
});
let atlases: AtlasInfo[] = [];
let atlas: AtlasInfo | null = null;
let meta: ColumnMeta | null = null;
let hidden = new Set<number>();
let selected = -1;
/** The label column's codes as imported, and as the edits in effect make them now. */
let labels0: Uint8Array | null = null;
let labelMeta0: ColumnMeta | null = null;
let labels: Uint8Array | null = null;
let labelMeta: ColumnMeta | null = null;
let ready = false;
let loading = 0;
/** Colour codes of the current colour column (for class labels). */
let colorCodes: Uint8Array | null = null;
let shapeMeta: ColumnMeta | null = null;
let importance: Uint8Array | null = null;
const names = new Map<number, string>();
let shownLabels: string[] = [];
let highlightedRows: number[] = [];
let edgesLoaded = 0;

/** Test and console hooks: {@code window.starmap}. */
const hooks = {
  get ready() { return ready; },
  get frames() { return map.frames; },
  get selected() { return selected; },
  get dimension() { return map.dimension; },
  /** True while a layout or column is loading or points are moving between layouts. */
  get busy() { return loading > 0 || map.animating; },
  screenOf: (row: number) => {
    const r = canvas.getBoundingClientRect();
    const s = map.screenOf(row);
    return s ? [s[0] + r.left, s[1] + r.top] : null;
  },
  select: (row: number) => select(row, true),
  /** Moves the view as a drag would: by a fraction of the view's width and height. */
  panBy: (fx: number, fy: number) => map.panBy(fx, fy),
  /** Turns a 3-D view about its target. */
  orbitBy: (radians: number) => map.orbitBy(radians),
  /** The labels on screen now. */
  get labels() { return shownLabels; },
  /** Rows of the highlighted id list. */
  get highlighted() { return highlightedRows; },
  get edgesDrawn() { return map.edgesDrawn; },
  get edgesLoaded() { return edgesLoaded; },
  get quality() { return map.quality.level; },
  get glowing() { return map.glowing; },
  get flying() { return map.flying; },
  /** Highlights these ids (as pasting them would). */
  highlightIds: (ids: string[]) => highlightIds(ids),
  get selectedCount() { return curator.selectedCount; },
  /** Milliseconds from releasing a lasso or box (or asking for a filter) to the frame that shows it. */
  get lastSelectMs() { return curator.lastSelectMs; },
  get lastComputeMs() { return curator.lastComputeMs; },
  /** The view-projection matrix (column-major) and a polygon in canvas pixels as device coordinates. */
  viewProjection: () => map.viewProjection(),
  toDevice: (poly: [number, number][]) => curator.toDevice(poly),
  get thumbnails() { return thumbsLayer.childElementCount; },
  /** Fixes the quality level (0 full … 2), or null to follow the frame time again. */
  lockQuality: (level: number | null) => map.lockQuality(level),
};
(window as unknown as { starmap: typeof hooks }).starmap = hooks;

function setStatus(text: string): void {
  status.textContent = text;
}

function option(select: HTMLSelectElement, value: string, text: string): void {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  select.append(o);
}

let saveTimer = 0;
function saveState(): void {
  // until the view the URL asked for is open, the URL stays as it came
  if (!ready) return;
  clearTimeout(saveTimer);
  saveTimer = window.setTimeout(() => {
    const s: ViewState = {
      atlas: atlas?.name, layout: layoutSelect.value, color: colorSelect.value, camera: map.cameraState(),
      selected: selected >= 0 ? selected : undefined, hidden: [...hidden].sort((a, b) => a - b),
      shape: shapeSelect.value || undefined, labels: labelsSelect.value, edges: edgesBox.checked, glow: glowBox.checked,
    };
    history.replaceState(null, '', '#' + writeState(s));
  }, 250);
}
map.onChange = () => {
  tooltip.hidden = true;
  lastHover = -1;
  saveState();
  scheduleLabels();
};
map.onQuality = (q) => {
  qualityNote.textContent = `quality level ${q.level} (frames ${Math.round(map.clock.lastMedian)} ms): `
    + `${q.edgeBudget.toLocaleString()} edges, ${q.labels} labels, pixel ratio ≤ ${q.pixelRatio}`
    + (q.bloom ? '' : ', no glow');
  if (glowBox.checked && !q.bloom) glowBox.title = 'off while frames are slow';
  scheduleLabels();
};

/** Counters that let a late answer see it has been superseded by a newer request of its kind. */
const latest = { atlas: 0, layout: 0, column: 0, search: 0 };

async function openAtlas(name: string, state: ViewState): Promise<void> {
  const seq = ++latest.atlas;
  atlas = atlases.find((a) => a.name === name) ?? atlases[0];
  atlasSelect.value = atlas.name;
  // nothing of the previous atlas survives: selection, details, hover
  selected = -1;
  map.highlight(-1, []);
  details.hidden = true;
  tooltip.hidden = true;
  lastHover = -1;
  layoutSelect.replaceChildren();
  for (const l of atlas.layouts) {
    option(layoutSelect, l.name, `${l.name} (${l.method}, ${l.dimension}-D)`);
    const m = l.metrics;
    const facts = [['KL', m.kl_divergence], ['kNN@10', m['knn_preservation@10']],
      ['trust@10', m['trustworthiness@10']], ['label@10', m['label_accuracy@10']]]
      .filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${(v as number).toFixed(3)}`);
    (layoutSelect.lastElementChild as HTMLOptionElement).title = facts.join(' · ');
  }
  colorSelect.replaceChildren();
  option(colorSelect, '', '(none)');
  for (const c of atlas.columns) if (c.role !== 'id') option(colorSelect, c.name, c.name);
  shapeSelect.replaceChildren();
  option(shapeSelect, '', '(none)');
  for (const c of atlas.columns) if (c.role !== 'id' && c.type !== 'DOUBLE') option(shapeSelect, c.name, c.name);
  shapeMeta = null;
  importance = null;
  names.clear();
  thumbCache.clear();
  thumbsLayer.replaceChildren();
  highlightedRows = [];
  map.highlightSet([], []);
  setStatus_.textContent = '';
  edgesLoaded = 0;
  map.clearEdges();
  edgesBox.disabled = atlas.graphs.length === 0;
  edgesNote.textContent = atlas.graphs.length === 0 ? '(no graph in this atlas)' : '';
  labelsSelect.value = state.labels ?? (atlas.nameColumn ? 'names' : atlas.label ? 'classes' : 'off');
  if (state.edges !== undefined) edgesBox.checked = state.edges;
  if (state.glow !== undefined) glowBox.checked = state.glow;
  map.setGlow(glowBox.checked);
  if (atlas.layouts.length === 0) {
    map.clear();
    meta = null;
    renderLegend();
    setStatus(`${atlas.name}: no layouts yet — run starmap embed`);
    return;
  }
  const layout = atlas.layouts.find((l) => l.name === state.layout) ?? atlas.layouts[0];
  // fewer points, bigger dots: about 8 px for a thousand points, 1.5 px from a million on
  sizeInput.value = String(Math.min(8, Math.max(1.5, Math.round(40 / Math.pow(atlas.points, 0.25) * 2) / 2)));
  layoutSelect.value = layout.name;
  const color = state.color !== undefined && (state.color === '' || atlas.columns.some((c) => c.name === state.color))
    ? state.color : (atlas.label ?? '');
  colorSelect.value = color;
  hidden = new Set(state.hidden ?? []);
  labels = labels0 = null;
  labelMeta = labelMeta0 = null;
  if (atlas.label) {
    const [m, codes] = await Promise.all([api.column(atlas.name, atlas.label), api.codes(atlas.name, atlas.label)]);
    if (seq !== latest.atlas) return;
    [labelMeta0, labels0] = [m, codes];
    [labelMeta, labels] = [m, codes];
  }
  await showLayout(layout.name, false);
  if (seq !== latest.atlas) return;
  await colorBy(color, false);
  if (state.shape && atlas.columns.some((c) => c.name === state.shape)) {
    shapeSelect.value = state.shape;
    await shapeBy(state.shape);
  }
  style();
  if (state.camera) map.setCameraState(state.camera);
  void loadEdges(atlas);
  await curator.reset(atlas);
  if (state.selected !== undefined && state.selected < atlas.points) await select(state.selected, false);
}

/** Runs {@code work} with the busy flag raised. */
async function whileLoading<T>(work: () => Promise<T>): Promise<T> {
  loading++;
  try {
    return await work();
  } finally {
    loading--;
  }
}

async function showLayout(name: string, animate: boolean): Promise<void> {
  const of = atlas;
  if (of) await whileLoading(() => loadLayout(of, name, animate));
}

async function loadLayout(of: AtlasInfo, name: string, animate: boolean): Promise<void> {
  const seq = ++latest.layout;
  setStatus(`loading ${name}…`);
  const t0 = performance.now();
  const p = await api.positions(of.name, name);
  if (seq !== latest.layout || of !== atlas) return;
  const moving = map.setPositions(p, animate, !animate);
  setStatus(`${p.count.toLocaleString()} points · ${name} · ${Math.round(performance.now() - t0)} ms`);
  await moving;
  if (selected >= 0) await select(selected, false);
  saveState();
}

async function colorBy(column: string, resetHidden: boolean): Promise<void> {
  const of = atlas;
  if (of) await whileLoading(() => loadColumn(of, column, resetHidden));
}

async function loadColumn(of: AtlasInfo, column: string, resetHidden: boolean): Promise<void> {
  const seq = ++latest.column;
  if (resetHidden) hidden = new Set();
  if (column === '') {
    meta = null;
    colorCodes = null;
    map.setCodes(new Uint8Array(of.points));
  } else {
    const [m, codes] = column === of.label && labels && labelMeta
      ? [labelMeta, labels] : await Promise.all([api.column(of.name, column), api.codes(of.name, column)]);
    if (seq !== latest.column || of !== atlas) return;
    meta = m;
    colorCodes = codes;
    map.setCodes(codes);
  }
  applyPalette();
  saveState();
}

/**
 * Applies the edits in effect: the label column's codes become the current labels (a new label gets
 * the next free colour), its legend counts follow, and relabel suggestions list every label.
 */
function applyEdits(state: EditState): void {
  if (!labels0 || !labelMeta0 || labelMeta0.kind !== 'category') return;
  const dictionary = [...labelMeta0.dictionary];
  const codes = labels0.slice();
  for (const [value, rows] of Object.entries(state.labels)) {
    let code = dictionary.indexOf(value);
    if (code < 0 && dictionary.length < OTHER) {
      dictionary.push(value);
      code = dictionary.length - 1;
    }
    if (code < 0) code = OTHER;
    for (const r of rows) codes[r] = code;
  }
  const deleted = new Uint8Array(codes.length);
  for (const r of state.deleted) deleted[r] = 1;
  const counts = new Array<number>(dictionary.length).fill(0);
  let other = 0;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    if (deleted[i]) continue;
    const c = codes[i];
    if (c < dictionary.length) counts[c]++; else if (c === OTHER) other++; else missing++;
  }
  labels = codes;
  labelMeta = { ...labelMeta0, dictionary, counts, other, missing };
  const list = $('label-values');
  list.replaceChildren(...dictionary.map((v) => Object.assign(document.createElement('option'), { value: v })));
  if (atlas && colorSelect.value === atlas.label) {
    meta = labelMeta;
    colorCodes = labels;
    map.setCodes(labels);
    applyPalette();
  }
}

/** Marker shapes by a categorical column: its five most frequent values get the five shapes, the rest discs. */
async function shapeBy(column: string): Promise<void> {
  const of = atlas;
  if (!of) return;
  if (column === '') {
    shapeMeta = null;
    map.setShapes(new Uint8Array(of.points));
    renderLegend();
    saveState();
    return;
  }
  const [m, codes] = await whileLoading(() => Promise.all([api.column(of.name, column), api.codes(of.name, column)]));
  if (of !== atlas || shapeSelect.value !== column) return;
  if (m.kind !== 'category') {
    setStatus(`${column} is numeric: shapes need a column of categories`);
    shapeSelect.value = '';
    return shapeBy('');
  }
  const shapes = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) shapes[i] = codes[i] < SHAPES.length - 1 ? codes[i] + 1 : 0;
  shapeMeta = m;
  map.setShapes(shapes);
  renderLegend();
  saveState();
}

/**
 * Loads the graph's edges in chunks after the points (each chunk a uniform sample of all edges), up
 * to twice what the quality level draws; the map stays interactive meanwhile.
 */
async function loadEdges(of: AtlasInfo): Promise<void> {
  if (of.graphs.length === 0 || !edgesBox.checked || edgesLoaded > 0) {
    map.showEdges(edgesBox.checked);
    return;
  }
  const graph = of.graphs[0];
  map.showEdges(true);
  let chunk = 0;
  let chunks = 1;
  edgesLoaded = -1; // loading
  let loaded = 0;
  while (chunk < chunks && loaded < 2 * map.quality.edgeBudget) {
    const c = await api.edges(of.name, graph, chunk++);
    if (of !== atlas) return;
    chunks = c.chunks;
    map.addEdges(c.pairs, c.total);
    loaded += c.pairs.length / 2;
    edgesNote.textContent = `${map.edgesDrawn.toLocaleString()} of ${c.total.toLocaleString()} drawn`;
  }
  edgesLoaded = loaded;
  edgesNote.textContent = `${map.edgesDrawn.toLocaleString()} drawn of ${loaded.toLocaleString()} loaded`;
}

/** Highlights a list of ids with their connections: graph edges among them, else a spanning tree. */
async function highlightIds(ids: string[]): Promise<void> {
  const of = atlas;
  if (!of) return;
  if (ids.length === 0) {
    highlightedRows = [];
    map.highlightSet([], []);
    setStatus_.textContent = '';
    return;
  }
  const r = await whileLoading(() => api.lookup(of.name, ids));
  if (of !== atlas) return;
  let edges = r.edges;
  let how = `${edges.length / 2} connections in ${r.graph}`;
  if (edges.length === 0 && r.rows.length <= 2000) {
    edges = spanningTree(r.rows, (row) => map.position(row).toArray() as [number, number, number]);
    how = 'no graph edges among them: joined by a spanning tree on the map';
  }
  highlightedRows = r.rows;
  map.highlightSet(r.rows, edges);
  setStatus_.textContent = `${r.rows.length.toLocaleString()} highlighted · ${how}`
    + (r.unknownCount > 0 ? ` · ${r.unknownCount} unknown (${r.unknown.slice(0, 3).join(', ')}…)` : '');
}

// labels: recomputed a moment after the view settles
let labelTimer = 0;
function scheduleLabels(): void {
  clearTimeout(labelTimer);
  labelTimer = window.setTimeout(() => void drawLabels(), 150);
}

/** At close zoom the points of an atlas with images turn into their thumbnails (only those on screen load). */
const MAX_THUMBS = 160;
const thumbCache = new Map<number, HTMLImageElement>();
function drawThumbnails(): void {
  const of = atlas;
  if (!of || !of.images || map.animating) {
    thumbsLayer.replaceChildren();
    return;
  }
  const onScreen: [number, number, number][] = [];
  let over = false;
  map.forEachOnScreen((i, x, y) => {
    if (onScreen.length <= MAX_THUMBS) onScreen.push([i, x, y]); else over = true;
  });
  if (over || onScreen.length > MAX_THUMBS) {
    thumbsLayer.replaceChildren();
    return;
  }
  if (thumbCache.size > 2000) thumbCache.clear();
  thumbsLayer.replaceChildren(...onScreen.map(([i, x, y]) => {
    let img = thumbCache.get(i);
    if (!img) {
      img = document.createElement('img');
      img.src = api.imageUrl(of.name, i);
      img.alt = '';
      thumbCache.set(i, img);
    }
    img.style.left = `${x}px`;
    img.style.top = `${y}px`;
    return img;
  }));
}

async function drawLabels(): Promise<void> {
  drawThumbnails();
  const of = atlas;
  const mode = labelsSelect.value;
  if (!of || mode === 'off' || map.animating) {
    if (map.animating) scheduleLabels();
    labelsLayer.replaceChildren();
    shownLabels = [];
    return;
  }
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const budget = map.quality.labels;
  const stride = Math.max(1, Math.floor(of.points / 300_000));
  let candidates: Candidate[] = [];
  if (mode === 'classes') {
    if (!meta || meta.kind !== 'category' || !colorCodes) {
      labelsLayer.replaceChildren();
      shownLabels = [];
      return;
    }
    // each class is named where most of its points on screen crowd, in a coarse grid
    const cell = 90;
    const cols = Math.ceil(w / cell);
    const bins = new Map<number, [number, number, number]>();
    const total = new Map<number, number>();
    const codes = colorCodes;
    const dictionary = meta.dictionary;
    map.forEachOnScreen((i, x, y) => {
      const c = codes[i];
      if (c >= dictionary.length) return;
      const key = (Math.floor(y / cell) * cols + Math.floor(x / cell)) * 256 + c;
      const b = bins.get(key) ?? [0, 0, 0];
      b[0]++;
      b[1] += x;
      b[2] += y;
      bins.set(key, b);
      total.set(c, (total.get(c) ?? 0) + 1);
    }, stride);
    const best = new Map<number, [number, number, number]>();
    for (const [key, b] of bins) {
      const c = key % 256;
      if ((best.get(c)?.[0] ?? 0) < b[0]) best.set(c, b);
    }
    candidates = [...best].map(([c, b]) => ({ text: dictionary[c],
      x: b[1] / b[0], y: b[2] / b[0], weight: total.get(c) ?? 0 }));
  } else {
    if (!importance) {
      const imp = await api.importance(of.name);
      if (of !== atlas) return;
      importance = imp;
    }
    const imp = importance;
    const cell = 80;
    const cols = Math.ceil(w / cell);
    const best = new Map<number, number>();
    map.forEachOnScreen((i, x, y) => {
      const key = Math.floor(y / 28) * cols + Math.floor(x / cell);
      const b = best.get(key);
      if (b === undefined || imp[i] > imp[b]) best.set(key, i);
    }, stride);
    const rows = [...best.values()].sort((a, b) => imp[b] - imp[a]).slice(0, budget * 3);
    const missing = rows.filter((r) => !names.has(r));
    if (missing.length > 0) {
      const got = await api.names(of.name, missing);
      if (of !== atlas) return;
      missing.forEach((r, k) => names.set(r, got[k]));
    }
    candidates = rows.map((r) => {
      const s = map.screenOf(r);
      return s ? { text: names.get(r) ?? '', x: s[0], y: s[1] - 10, weight: imp[r] + 1 } : null;
    }).filter((c): c is Candidate => c !== null && c.text !== '');
  }
  const placed = placeLabels(candidates, budget, w, h);
  labelsLayer.replaceChildren(...placed.map((p) => {
    const el = document.createElement('span');
    el.textContent = p.text;
    el.style.left = `${p.x}px`;
    el.style.top = `${p.y}px`;
    el.style.fontSize = `${p.size}px`;
    return el;
  }));
  shownLabels = placed.map((p) => p.text);
}

function applyPalette(): void {
  const kind = meta?.kind ?? 'none';
  const count = meta?.kind === 'number' ? meta.bins : 256;
  map.setPalette(buildPalette(kind, count, hidden));
  renderLegend();
  scheduleLabels();
}

function renderLegend(): void {
  legend.replaceChildren();
  if (!meta) {
    legend.hidden = !shapeMeta;
    renderShapeLegend();
    return;
  }
  legend.hidden = false;
  const title = document.createElement('div');
  title.className = 'title';
  title.textContent = meta.name;
  legend.append(title);
  if (meta.kind === 'number') {
    const ramp = document.createElement('div');
    ramp.className = 'ramp';
    ramp.style.background = rampCss();
    const range = document.createElement('div');
    range.className = 'range';
    range.innerHTML = `<span>${fmt(meta.min)}</span><span>${fmt(meta.max)}</span>`;
    legend.append(ramp, range);
    renderShapeLegend();
    return;
  }
  const m = meta;
  const entries: [number, string, number][] = m.dictionary.map((v, i) => [i, v, m.counts[i]]);
  if (m.other > 0) entries.push([OTHER, '(other)', m.other]);
  if (m.missing > 0) entries.push([MISSING, '(missing)', m.missing]);
  for (const [code, value, count] of entries) {
    const item = document.createElement('div');
    item.className = 'item' + (hidden.has(code) ? ' hidden' : '');
    item.dataset.code = String(code);
    item.dataset.value = value;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = code === OTHER ? '#969696' : code === MISSING ? '#5a5a5a' : cssColor(categoryColor(code));
    const label = document.createElement('span');
    label.textContent = value;
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = count.toLocaleString();
    const pick = document.createElement('button');
    pick.className = 'pick';
    pick.textContent = '◎';
    pick.title = 'select this class (shift adds, alt subtracts)';
    pick.addEventListener('click', (e) => {
      e.stopPropagation();
      const codes = colorCodes;
      if (!codes) return;
      curator.selectRows((set) => { for (let i = 0; i < codes.length; i++) if (codes[i] === code) set(i); }, modeOf(e));
    });
    item.append(sw, label, n, pick);
    let clickTimer = 0;
    pick.addEventListener('dblclick', (e) => e.stopPropagation());
    item.addEventListener('click', () => {
      clearTimeout(clickTimer);
      clickTimer = window.setTimeout(() => {
        if (hidden.has(code)) hidden.delete(code); else hidden.add(code);
        applyPalette();
        saveState();
      }, 220);
    });
    item.addEventListener('dblclick', () => {
      clearTimeout(clickTimer);
      const all = entries.map((e) => e[0]);
      const isolated = hidden.size === all.length - 1 && !hidden.has(code);
      hidden = isolated ? new Set() : new Set(all.filter((c) => c !== code));
      applyPalette();
      saveState();
    });
    legend.append(item);
  }
  const hint = document.createElement('div');
  hint.className = 'hint';
  hint.textContent = 'click: hide · double-click: isolate';
  legend.append(hint);
  renderShapeLegend();
}

const GLYPHS = ['●', '■', '▲', '◆', '✚', '○'];

function renderShapeLegend(): void {
  if (!shapeMeta || shapeMeta.kind !== 'category') return;
  const title = document.createElement('div');
  title.className = 'title';
  title.style.marginTop = '8px';
  title.textContent = `shape: ${shapeMeta.name}`;
  legend.append(title);
  const rows: [string, string][] = shapeMeta.dictionary.slice(0, SHAPES.length - 1).map((v, i) => [GLYPHS[i + 1], v]);
  if (shapeMeta.dictionary.length > SHAPES.length - 1 || shapeMeta.other > 0 || shapeMeta.missing > 0) {
    rows.push([GLYPHS[0], 'everything else']);
  }
  for (const [glyph, value] of rows) {
    const item = document.createElement('div');
    item.className = 'item';
    const g = document.createElement('span');
    g.className = 'shape';
    g.textContent = glyph;
    const label = document.createElement('span');
    label.textContent = value;
    item.append(g, label);
    legend.append(item);
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(2) : String(+v.toPrecision(4));
}

function labelOf(row: number): string | null {
  if (!labels || !labelMeta || labelMeta.kind !== 'category') return null;
  const c = labels[row];
  return c < labelMeta.dictionary.length ? labelMeta.dictionary[c] : null;
}

async function select(row: number, fly: boolean): Promise<void> {
  if (!atlas) return;
  selected = row;
  if (row < 0) {
    map.highlight(-1, []);
    details.hidden = true;
    saveState();
    return;
  }
  tooltip.hidden = true;
  const name = atlas.name;
  const graphs = atlas.graphs.length;
  const [record, neighbors] = await whileLoading(() => Promise.all([
    api.record(name, row),
    graphs > 0 ? api.neighbors(name, row, 10) : Promise.resolve({ graph: null, neighbors: [] })]));
  if (selected !== row || atlas.name !== name) return;
  map.highlight(row, neighbors.neighbors.map((n) => n.row));
  if (fly) map.flyTo(row);
  detailsBody.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = record.id;
  detailsBody.append(h);
  if (record.image) {
    const img = document.createElement('img');
    img.src = api.imageUrl(name, row);
    img.alt = `image of ${record.id}`;
    detailsBody.append(img);
  }
  const table = document.createElement('table');
  const rows: [string, unknown][] = [['row', row], ...Object.entries(record.fields)];
  for (const [k, v] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = k;
    tr.insertCell().textContent = v === null ? '—' : String(v);
  }
  detailsBody.append(table);
  if (neighbors.neighbors.length > 0) {
    const title = document.createElement('h2');
    title.textContent = 'nearest in the original space';
    title.title = `from the stored kNN graph ${neighbors.graph}`;
    title.style.marginTop = '10px';
    const list = document.createElement('ol');
    list.className = 'neighbors';
    for (const nb of neighbors.neighbors) {
      const li = document.createElement('li');
      li.textContent = `${labelOf(nb.row) ?? ''} #${nb.row} · ${nb.distance.toPrecision(3)}`;
      li.addEventListener('click', () => void select(nb.row, true));
      list.append(li);
    }
    detailsBody.append(title, list);
  }
  const around = document.createElement('button');
  around.className = 'select-around';
  around.textContent = 'select it and its 10 nearest';
  around.title = 'in the original space (shift adds, alt subtracts)';
  around.addEventListener('click', (e) => void curator.selectNeighbourhood(row, 10, modeOf(e)));
  if (atlas.graphs.length > 0) detailsBody.append(around);
  details.hidden = false;
  saveState();
}

// hover: pick at most once per frame, after the pointer settles
let hoverFrame = 0;
let lastHover = -1;
canvas.addEventListener('pointermove', (e) => {
  cancelAnimationFrame(hoverFrame);
  hoverFrame = requestAnimationFrame(() => {
    const r = canvas.getBoundingClientRect();
    const i = map.pick(e.clientX - r.left, e.clientY - r.top, 8);
    if (i < 0) {
      tooltip.hidden = true;
      lastHover = -1;
      canvas.style.cursor = '';
      return;
    }
    canvas.style.cursor = 'pointer';
    tooltip.style.left = `${e.clientX + 14}px`;
    tooltip.style.top = `${e.clientY + 14}px`;
    if (i === lastHover) return;
    lastHover = i;
    tooltip.replaceChildren();
    const text = document.createElement('div');
    text.textContent = labelOf(i) ?? `#${i}`;
    tooltip.append(text);
    if (atlas?.images) {
      const img = document.createElement('img');
      img.src = api.imageUrl(atlas.name, i);
      tooltip.append(img);
    }
    void api.record(atlas!.name, i).then((rec) => {
      if (lastHover === i) text.textContent = `${labelOf(i) ?? ''} · ${rec.id}`.replace(/^ · /, '');
    });
    tooltip.hidden = false;
  });
});
canvas.addEventListener('pointerleave', () => { tooltip.hidden = true; lastHover = -1; });
let downAt: [number, number] | null = null;
canvas.addEventListener('pointerdown', (e) => { downAt = [e.clientX, e.clientY]; });
canvas.addEventListener('pointerup', (e) => {
  if (!downAt || Math.hypot(e.clientX - downAt[0], e.clientY - downAt[1]) > 4) return;
  const r = canvas.getBoundingClientRect();
  const i = map.pick(e.clientX - r.left, e.clientY - r.top, 8);
  void select(i, false);
});
$('close-details').addEventListener('click', () => void select(-1, false));

atlasSelect.addEventListener('change', () => void openAtlas(atlasSelect.value, {}));
layoutSelect.addEventListener('change', () => void showLayout(layoutSelect.value, true));
colorSelect.addEventListener('change', () => void colorBy(colorSelect.value, true));
shapeSelect.addEventListener('change', () => void shapeBy(shapeSelect.value));
labelsSelect.addEventListener('change', () => { scheduleLabels(); saveState(); });
edgesBox.addEventListener('change', () => { if (atlas) void loadEdges(atlas); saveState(); });
glowBox.addEventListener('change', () => { map.setGlow(glowBox.checked); saveState(); });
flyBox.addEventListener('change', () => {
  map.setFlying(flyBox.checked);
  if (flyBox.checked && !map.flying) {
    flyBox.checked = false;
    setStatus('fly needs a 3-D layout');
  }
  if (map.flying) canvas.focus();
});
viewButton.addEventListener('click', () => { viewPanel.hidden = !viewPanel.hidden; });
$('filter-button').addEventListener('click', () => { $('filter-panel').hidden = !$('filter-panel').hidden; });
$('set-apply').addEventListener('click', () => void highlightIds(parseIds(setIds.value)));
$('set-clear').addEventListener('click', () => { setIds.value = ''; void highlightIds([]); });
$<HTMLInputElement>('set-file').addEventListener('change', async (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (!f) return;
  setIds.value = await f.text();
  await highlightIds(parseIds(setIds.value));
});
const style = () => map.setStyle(Number(sizeInput.value), Number(opacityInput.value));
sizeInput.addEventListener('input', style);
opacityInput.addEventListener('input', style);

// search: ids first, then label text; Enter takes the first match
let matches: Match[] = [];
let searchTimer = 0;
function showMatches(): void {
  results.replaceChildren();
  for (const m of matches) {
    const li = document.createElement('li');
    li.textContent = `${m.id}${m.label ? ' · ' + m.label : ''}`;
    li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(m); });
    results.append(li);
  }
  results.hidden = matches.length === 0;
}
function choose(m: Match): void {
  results.hidden = true;
  searchInput.value = m.id;
  void select(m.row, true);
}
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  const q = searchInput.value.trim();
  if (!q || !atlas) { matches = []; showMatches(); return; }
  searchTimer = window.setTimeout(async () => {
    const seq = ++latest.search;
    const found = await api.search(atlas!.name, q);
    if (seq !== latest.search) return;
    matches = found;
    showMatches();
  }, 150);
});
searchInput.addEventListener('keydown', async (e) => {
  if (e.key === 'Enter' && atlas) {
    clearTimeout(searchTimer);
    const q = searchInput.value.trim();
    if (!q) return;
    const seq = ++latest.search;
    matches = await api.search(atlas.name, q);
    if (seq !== latest.search) return;
    if (matches.length > 0) choose(matches[0]); else setStatus(`no point matches “${q}”`);
  } else if (e.key === 'Escape') {
    results.hidden = true;
  }
});
searchInput.addEventListener('blur', () => { results.hidden = true; });

async function start(): Promise<void> {
  try {
    atlases = await api.atlases();
    if (atlases.length === 0) {
      setStatus('no atlases served');
      return;
    }
    for (const a of atlases) option(atlasSelect, a.name, `${a.name} (${a.points.toLocaleString()})`);
    const state = readState(location.hash);
    await openAtlas(state.atlas ?? atlases[0].name, state);
    ready = true;
    saveState();
  } catch (e) {
    setStatus(`error: ${(e as Error).message}`);
    throw e;
  }
}
void start();
