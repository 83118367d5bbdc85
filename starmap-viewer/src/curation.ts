/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { api, type AtlasInfo, type ColumnMeta, type EditState, type HistoryEntry } from './api';
import type { PointMap } from './map';

/** What the cleaning tools need from the rest of the viewer. */
export interface Host {
  map: PointMap;
  atlas(): AtlasInfo | null;
  layout(): string;
  colorMeta(): ColumnMeta | null;
  colorCodes(): Uint8Array | null;
  /** Opens a point's details and flies to it. */
  open(row: number): void;
  /** The edits in effect changed (this tab's or another's): recolour, hide the deleted. */
  edited(state: EditState): void;
  setStatus(text: string): void;
}

export type Mode = 'replace' | 'add' | 'subtract';

/** Bit 0 of a point's flags: selected. Bit 1: deleted. */
const SELECTED = 1;
const DELETED = 2;
const PAGE = 12;

/** The mode a pointer or click event asks for: shift adds, alt subtracts. */
export function modeOf(e: { shiftKey: boolean; altKey: boolean }): Mode {
  return e.altKey ? 'subtract' : e.shiftKey ? 'add' : 'replace';
}

/** One bit per point, point i at bit i % 8 of byte i / 8 (the server's bitmap), as base64. */
export function toBitmap(flags: Uint8Array, bit: number): string {
  const bytes = new Uint8Array((flags.length + 7) >> 3);
  for (let i = 0; i < flags.length; i++) if (flags[i] & bit) bytes[i >> 3] |= 1 << (i & 7);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Calls {@code visit(row)} for every bit set in a base64 bitmap. */
export function forEachBit(bitmap: string, visit: (row: number) => void): void {
  const s = atob(bitmap);
  for (let b = 0; b < s.length; b++) {
    const v = s.charCodeAt(b);
    if (v === 0) continue;
    for (let k = 0; k < 8; k++) if (v & (1 << k)) visit(b * 8 + k);
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Selection (lasso, box, legend class, filters, neighbourhood), the selection panel (count,
 * breakdown, thumbnails in pages), actions on the selection (tag, untag, relabel, delete, restore —
 * each one entry of the atlas's log), undo and redo, the history, and exports.
 */
export class Curator {
  private flags = new Uint8Array(0);
  private count = 0;
  private page = 0;
  private rows: number[] = [];
  private tool: 'none' | 'lasso' | 'box' = 'none';
  private path: [number, number][] = [];
  private dragMode: Mode = 'replace';
  private version = 0;
  private done: number[] = [];
  private undone: number[] = [];
  private history: HistoryEntry[] = [];
  private poll = 0;
  private hideOthers = false;
  /** Milliseconds the last lasso or box took from release to drawn selection. */
  lastSelectMs = 0;
  /** Of which computing the selection and updating the panel. */
  lastComputeMs = 0;
  private readonly overlay = $<HTMLCanvasElement>('overlay');
  private readonly panel = $<HTMLElement>('selection');

  constructor(private readonly host: Host) {
    for (const t of ['lasso', 'box'] as const) {
      $(`tool-${t}`).addEventListener('click', () => this.setTool(this.tool === t ? 'none' : t));
    }
    this.overlay.addEventListener('pointerdown', (e) => this.down(e));
    this.overlay.addEventListener('pointermove', (e) => this.move(e));
    this.overlay.addEventListener('pointerup', (e) => void this.up(e));
    window.addEventListener('keydown', (e) => this.key(e));
    $('sel-clear').addEventListener('click', () => this.clear());
    $('sel-prev').addEventListener('click', () => this.turn(-1));
    $('sel-next').addEventListener('click', () => this.turn(1));
    $('sel-hide').addEventListener('change', (e) => {
      this.hideOthers = (e.target as HTMLInputElement).checked;
      this.shade();
    });
    $('act-tag').addEventListener('click', () => void this.act('tag', $<HTMLInputElement>('act-tag-value').value));
    $('act-untag').addEventListener('click', () => void this.act('untag', $<HTMLInputElement>('act-tag-value').value));
    $('act-relabel').addEventListener('click', () => void this.act('relabel', $<HTMLInputElement>('act-label').value));
    $('act-delete').addEventListener('click', () => void this.act('delete', null));
    $('act-restore').addEventListener('click', () => void this.act('restore', null));
    $('act-undo').addEventListener('click', () => void this.undo());
    $('act-redo').addEventListener('click', () => void this.redo());
    $('export-ids').addEventListener('click', () => void this.exportIds());
    $('filter-apply').addEventListener('click', () => void this.applyFilter());
    $('filter-op').addEventListener('change', () => this.filterInputs());
    new ResizeObserver(() => this.sizeOverlay()).observe(this.overlay);
  }

  get selectedCount(): number {
    return this.count;
  }

  /** Rows selected, in row order. */
  selectedRows(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.flags.length; i++) if (this.flags[i] & SELECTED) out.push(i);
    return out;
  }

  /** A new atlas: nothing selected, its edits loaded, its log watched. */
  async reset(atlas: AtlasInfo): Promise<void> {
    this.flags = new Uint8Array(atlas.points);
    this.count = 0;
    this.done = [];
    this.undone = [];
    this.history = [];
    this.version = -1;
    this.host.map.setFlags(this.flags);
    this.shade();
    this.render();
    this.fillFilterColumns(atlas);
    $('actions').hidden = !atlas.editable;
    $('sel-readonly').hidden = atlas.editable;
    clearInterval(this.poll);
    await this.refresh();
    // other tabs and scripts edit too: their changes show within a few seconds
    this.poll = window.setInterval(() => void this.refresh(), 3000);
  }

  /** Reloads the edits and the history when the log has moved. */
  async refresh(): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas) return;
    // the poll asks only for what is newer than what this tab has; the whole list only when that moved
    const newer = await api.history(atlas.name, Math.max(this.version, 0));
    if (newer.version === this.version || atlas !== this.host.atlas()) return;
    const [h, state] = await Promise.all([api.history(atlas.name, 0), api.state(atlas.name)]);
    if (atlas !== this.host.atlas()) return;
    this.version = state.version;
    this.history = h.entries;
    for (let i = 0; i < this.flags.length; i++) this.flags[i] &= ~DELETED;
    for (const r of state.deleted) this.flags[r] |= DELETED;
    // a deleted point leaves the selection
    for (const r of state.deleted) if (this.flags[r] & SELECTED) { this.flags[r] &= ~SELECTED; this.count--; }
    this.host.map.flagsChanged();
    this.host.edited(state);
    this.render();
  }

  setTool(t: 'none' | 'lasso' | 'box'): void {
    this.tool = t;
    this.overlay.classList.toggle('active', t !== 'none');
    $('tool-lasso').classList.toggle('on', t === 'lasso');
    $('tool-box').classList.toggle('on', t === 'box');
    this.host.map.setControlsEnabled(t === 'none');
  }

  private sizeOverlay(): void {
    this.overlay.width = this.overlay.clientWidth;
    this.overlay.height = this.overlay.clientHeight;
  }

  private down(e: PointerEvent): void {
    if (this.tool === 'none') return;
    this.overlay.setPointerCapture(e.pointerId);
    this.dragMode = modeOf(e);
    this.path = [[e.offsetX, e.offsetY]];
  }

  private move(e: PointerEvent): void {
    if (this.path.length === 0) return;
    if (this.tool === 'box') this.path = [this.path[0], [e.offsetX, e.offsetY]];
    else this.path.push([e.offsetX, e.offsetY]);
    this.drawPath();
  }

  /** The outline being dragged, in CSS pixels: the lasso's points or the box's corners. */
  private polygon(): [number, number][] {
    if (this.tool !== 'box' || this.path.length < 2) return this.path;
    const [[x0, y0], [x1, y1]] = this.path;
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  }

  private drawPath(): void {
    const g = this.overlay.getContext('2d')!;
    g.clearRect(0, 0, this.overlay.width, this.overlay.height);
    const poly = this.polygon();
    if (poly.length < 2) return;
    g.beginPath();
    g.moveTo(poly[0][0], poly[0][1]);
    for (const [x, y] of poly.slice(1)) g.lineTo(x, y);
    g.closePath();
    g.fillStyle = 'rgba(127, 216, 255, 0.12)';
    g.strokeStyle = '#7fd8ff';
    g.lineWidth = 1.5;
    g.setLineDash([5, 4]);
    g.fill();
    g.stroke();
  }

  private async up(e: PointerEvent): Promise<void> {
    if (this.path.length === 0) return;
    const t0 = performance.now();
    const poly = this.polygon();
    this.path = [];
    this.overlay.getContext('2d')!.clearRect(0, 0, this.overlay.width, this.overlay.height);
    if (poly.length < 3) return;
    this.overlay.releasePointerCapture(e.pointerId);
    this.selectPolygon(this.toDevice(poly), this.dragMode);
    this.lastComputeMs = performance.now() - t0;
    // drawn: wait for the frame that shows it
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    this.lastSelectMs = performance.now() - t0;
  }

  /** CSS pixels on the canvas to normalised device coordinates. */
  toDevice(poly: [number, number][]): [number[], number[]] {
    const w = this.overlay.clientWidth;
    const h = this.overlay.clientHeight;
    return [poly.map(([x]) => (x / w) * 2 - 1), poly.map(([, y]) => 1 - (y / h) * 2)];
  }

  /** Selects the points drawn inside a polygon in normalised device coordinates. */
  selectPolygon([xs, ys]: [number[], number[]], mode: Mode): void {
    if (mode === 'replace') this.clearBits();
    const on = mode !== 'subtract';
    this.host.map.forEachInPolygon(xs, ys, (i) => this.setBit(i, on));
    this.changed();
  }

  /** Selects rows (from a legend class, a filter, a neighbourhood). */
  selectRows(visit: (set: (row: number) => void) => void, mode: Mode): void {
    if (mode === 'replace') this.clearBits();
    const on = mode !== 'subtract';
    visit((r) => { if (!(this.flags[r] & DELETED)) this.setBit(r, on); });
    this.changed();
  }

  clear(): void {
    this.clearBits();
    this.changed();
  }

  private clearBits(): void {
    for (let i = 0; i < this.flags.length; i++) this.flags[i] &= ~SELECTED;
    this.count = 0;
  }

  private setBit(i: number, on: boolean): void {
    const was = (this.flags[i] & SELECTED) !== 0;
    if (on && !was) { this.flags[i] |= SELECTED; this.count++; }
    if (!on && was) { this.flags[i] &= ~SELECTED; this.count--; }
  }

  private changed(): void {
    this.host.map.flagsChanged();
    this.page = 0;
    this.shade();
    this.render();
  }

  private shade(): void {
    this.host.map.setUnselectedAlpha(this.count === 0 ? 1 : this.hideOthers ? 0 : 0.18);
  }

  private turn(by: number): void {
    const pages = Math.max(1, Math.ceil(this.count / PAGE));
    this.page = (this.page + by + pages) % pages;
    this.renderThumbs();
  }

  private key(e: KeyboardEvent): void {
    const typing = (e.target as HTMLElement)?.closest('input, textarea, select');
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      void (e.shiftKey ? this.redo() : this.undo());
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y' && !typing) {
      e.preventDefault();
      void this.redo();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey || this.host.map.flying) return;
    if (e.key === 'ArrowRight' && this.count > 0) this.turn(1);
    else if (e.key === 'ArrowLeft' && this.count > 0) this.turn(-1);
    else if (e.key === 'Escape') { this.setTool('none'); }
    else if (e.key === 'l') this.setTool(this.tool === 'lasso' ? 'none' : 'lasso');
    else if (e.key === 'b') this.setTool(this.tool === 'box' ? 'none' : 'box');
  }

  private render(): void {
    this.panel.hidden = this.count === 0 && this.history.length === 0;
    $('sel-count').textContent = this.count === 0 ? 'nothing selected'
      : `${this.count.toLocaleString()} selected`;
    $('sel-body').hidden = this.count === 0;
    this.rows = this.count > 0 ? this.selectedRows() : [];
    this.renderBreakdown();
    this.renderThumbs();
    this.renderHistory();
  }

  private renderBreakdown(): void {
    const box = $('sel-breakdown');
    box.replaceChildren();
    const meta = this.host.colorMeta();
    const codes = this.host.colorCodes();
    if (!meta || meta.kind !== 'category' || !codes || this.count === 0) return;
    const counts = new Map<number, number>();
    for (const r of this.rows) counts.set(codes[r], (counts.get(codes[r]) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8);
    for (const [code, n] of top) {
      const row = document.createElement('div');
      const name = code < meta.dictionary.length ? meta.dictionary[code] : code === 255 ? '(missing)' : '(other)';
      row.innerHTML = '<span></span><span class="count"></span>';
      (row.firstChild as HTMLElement).textContent = name;
      (row.lastChild as HTMLElement).textContent = `${n.toLocaleString()} · ${Math.round(100 * n / this.count)}%`;
      box.append(row);
    }
  }

  private renderThumbs(): void {
    const atlas = this.host.atlas();
    const grid = $('sel-thumbs');
    grid.replaceChildren();
    if (!atlas || this.count === 0) return;
    const pages = Math.ceil(this.count / PAGE);
    this.page = Math.min(this.page, pages - 1);
    $('sel-page').textContent = `${this.page + 1} / ${pages}`;
    for (const r of this.rows.slice(this.page * PAGE, this.page * PAGE + PAGE)) {
      const cell = document.createElement('button');
      cell.className = 'thumb';
      cell.title = `#${r} — click to open`;
      if (atlas.images) {
        const img = document.createElement('img');
        img.loading = 'lazy';
        img.src = api.imageUrl(atlas.name, r);
        img.alt = `#${r}`;
        cell.append(img);
      } else {
        cell.textContent = `#${r}`;
      }
      cell.addEventListener('click', () => this.host.open(r));
      grid.append(cell);
    }
  }

  private renderHistory(): void {
    const list = $('history');
    list.replaceChildren();
    for (const h of [...this.history].reverse().slice(0, 30)) {
      const li = document.createElement('li');
      li.className = h.inEffect ? '' : 'undone';
      const text = document.createElement('span');
      text.textContent = `#${h.seq} ${h.action}${h.value ? ' “' + h.value + '”' : ''} · ${h.count.toLocaleString()}`
        + ` · ${h.author}`;
      text.title = `${h.at}${h.note ? ' — ' + h.note : ''}`;
      const toggle = document.createElement('button');
      toggle.textContent = h.inEffect ? 'undo' : 'redo';
      toggle.addEventListener('click', () => void this.revert(h.seq, h.inEffect));
      const since = document.createElement('a');
      since.textContent = 'changes since';
      since.title = 'export (CSV) the points changed after this entry';
      since.href = api.exportUrl(this.host.atlas()!.name, 'csv', null, h.seq);
      li.append(text, toggle, since);
      list.append(li);
    }
    const atlas = this.host.atlas();
    if (atlas) {
      for (const f of ['csv', 'parquet', 'json']) {
        ($(`export-${f}`) as HTMLAnchorElement).href = api.exportUrl(atlas.name, f, this.host.layout(), null);
      }
    }
  }

  /** One action on the selection: one entry of the log, one transaction. */
  async act(action: string, value: string | null): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas || this.count === 0) return;
    if (value !== null && value.trim() === '') {
      this.host.setStatus(`${action} needs a ${action === 'relabel' ? 'label' : 'tag'}`);
      return;
    }
    const n = this.count;
    const t0 = performance.now();
    try {
      const r = await api.annotate(atlas.name, { action, value: value?.trim() ?? null,
        bitmap: toBitmap(this.flags, SELECTED), author: 'viewer' });
      this.done.push(r.seq);
      this.undone = [];
      await this.refresh();
      this.host.setStatus(`${action} ${n.toLocaleString()} points: entry #${r.seq}, ${Math.round(performance.now() - t0)} ms`);
    } catch (e) {
      this.host.setStatus(`${action} failed: ${(e as Error).message}`);
    }
  }

  private async revert(seq: number, undo: boolean): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas) return;
    try {
      await api.revert(atlas.name, seq, undo);
      await this.refresh();
      this.host.setStatus(`${undo ? 'undid' : 'redid'} entry #${seq}`);
    } catch (e) {
      this.host.setStatus(`${undo ? 'undo' : 'redo'} failed: ${(e as Error).message}`);
    }
  }

  /** Undoes this tab's last edit still in effect. */
  async undo(): Promise<void> {
    const seq = this.done.pop();
    if (seq === undefined) { this.host.setStatus('nothing of yours to undo'); return; }
    this.undone.push(seq);
    await this.revert(seq, true);
  }

  async redo(): Promise<void> {
    const seq = this.undone.pop();
    if (seq === undefined) { this.host.setStatus('nothing to redo'); return; }
    this.done.push(seq);
    await this.revert(seq, false);
  }

  private async exportIds(): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas || this.count === 0) return;
    const text = await api.selectionIds(atlas.name, toBitmap(this.flags, SELECTED));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = `${atlas.name}-selection.txt`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  // ---- filters --------------------------------------------------------------------------------

  private fillFilterColumns(atlas: AtlasInfo): void {
    const col = $<HTMLSelectElement>('filter-column');
    col.replaceChildren();
    const add = (value: string, text: string) => {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = text;
      col.append(o);
    };
    for (const c of atlas.columns) add(c.name, c.name);
    add('state:label', '(current label)');
    add('state:tag', '(tag)');
    add('state:deleted', '(deleted)');
    this.filterInputs();
  }

  private filterInputs(): void {
    const op = $<HTMLSelectElement>('filter-op').value;
    $('filter-value').hidden = op === 'range' || op === 'missing';
    $('filter-min').hidden = op !== 'range';
    $('filter-max').hidden = op !== 'range';
  }

  /** The filter the panel describes, as the server takes it. */
  filterBody(): unknown[] {
    const column = $<HTMLSelectElement>('filter-column').value;
    const op = $<HTMLSelectElement>('filter-op').value;
    const value = $<HTMLInputElement>('filter-value').value;
    const not = $<HTMLInputElement>('filter-not').checked;
    const values = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (column.startsWith('state:')) {
      const state = column.slice(6);
      return [state === 'deleted' ? { state, is: true, not } : { state, in: values, not }];
    }
    if (op === 'range') {
      const c: Record<string, unknown> = { column, not };
      const min = $<HTMLInputElement>('filter-min').value;
      const max = $<HTMLInputElement>('filter-max').value;
      if (min !== '') c.min = Number(min);
      if (max !== '') c.max = Number(max);
      return [c];
    }
    if (op === 'contains') return [{ column, contains: value, not }];
    if (op === 'missing') return [{ column, missing: true, not }];
    return [{ column, in: values, not }];
  }

  async applyFilter(mode: Mode = 'replace'): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas) return;
    const t0 = performance.now();
    try {
      const s = await api.select(atlas.name, { filter: this.filterBody() });
      this.selectRows((set) => forEachBit(s.bitmap, set), mode);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      this.lastSelectMs = performance.now() - t0;
      this.host.setStatus(`filter: ${s.count.toLocaleString()} match · ${Math.round(this.lastSelectMs)} ms`);
    } catch (e) {
      this.host.setStatus(`filter: ${(e as Error).message}`);
    }
  }

  /** Selects a point and its k nearest neighbours in the original space. */
  async selectNeighbourhood(row: number, k: number, mode: Mode): Promise<void> {
    const atlas = this.host.atlas();
    if (!atlas) return;
    const s = await api.select(atlas.name, { neighbors: { row, k } });
    this.selectRows((set) => forEachBit(s.bitmap, set), mode);
  }
}
