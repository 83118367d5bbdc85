/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The shareable view: what the URL's hash carries, and how it is read back. */

export interface ViewState {
  atlas?: string;
  layout?: string;
  color?: string;
  /** Camera position x, y, z, target x, y, z, zoom. */
  camera?: number[];
  selected?: number;
  hidden?: number[];
  /** Column whose categories pick marker shapes. */
  shape?: string;
  /** Label mode: off, classes, names. */
  labels?: string;
  edges?: boolean;
  glow?: boolean;
}

export function writeState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.atlas) p.set('atlas', s.atlas);
  if (s.layout) p.set('layout', s.layout);
  if (s.color !== undefined) p.set('color', s.color);
  if (s.camera) p.set('camera', s.camera.map((v) => +v.toPrecision(6)).join(','));
  if (s.selected !== undefined) p.set('selected', String(s.selected));
  if (s.hidden && s.hidden.length > 0) p.set('hidden', s.hidden.join(','));
  if (s.shape) p.set('shape', s.shape);
  if (s.labels) p.set('labels', s.labels);
  if (s.edges !== undefined) p.set('edges', s.edges ? '1' : '0');
  if (s.glow) p.set('glow', '1');
  return p.toString();
}

/** Reads a hash written by {@link writeState}; anything malformed is ignored, never an error. */
export function readState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s: ViewState = {};
  const atlas = p.get('atlas');
  if (atlas) s.atlas = atlas;
  const layout = p.get('layout');
  if (layout) s.layout = layout;
  const color = p.get('color');
  if (color !== null) s.color = color;
  const camera = p.get('camera')?.split(',').map(Number);
  if (camera && camera.length === 7 && camera.every(Number.isFinite)) s.camera = camera;
  const selected = Number(p.get('selected') ?? 'x');
  if (p.has('selected') && Number.isInteger(selected) && selected >= 0) s.selected = selected;
  const hidden = p.get('hidden')?.split(',').map(Number).filter((v) => Number.isInteger(v) && v >= 0 && v < 256);
  if (hidden && hidden.length > 0) s.hidden = hidden;
  const shape = p.get('shape');
  if (shape) s.shape = shape;
  const labels = p.get('labels');
  if (labels === 'off' || labels === 'classes' || labels === 'names') s.labels = labels;
  if (p.has('edges')) s.edges = p.get('edges') === '1';
  if (p.has('glow')) s.glow = p.get('glow') === '1';
  return s;
}
