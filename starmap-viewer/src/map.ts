/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import type { Positions } from './api';

const VERTEX = /* glsl */ `
  in vec3 posA;
  in vec3 posB;
  in float code;
  uniform vec3 loA;
  uniform vec3 spanA;
  uniform vec3 loB;
  uniform vec3 spanB;
  uniform float mixT;
  uniform sampler2D palette;
  uniform float size;
  uniform float opacity;
  uniform float perspectiveScale;
  out vec4 vColor;
  void main() {
    vec3 p = mix(loA + posA * spanA, loB + posB * spanB, mixT);
    vec4 c = texelFetch(palette, ivec2(int(code), 0), 0);
    vColor = vec4(c.rgb, opacity);
    vec4 mv = modelViewMatrix * vec4(p, 1.0);
    gl_Position = projectionMatrix * mv;
    float s = perspectiveScale > 0.0 ? size * perspectiveScale / max(-mv.z, 1e-3) : size;
    gl_PointSize = c.a < 0.5 ? 0.0 : max(s, 1.0);
    if (c.a < 0.5) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  }`;

const FRAGMENT = /* glsl */ `
  in vec4 vColor;
  out vec4 outColor;
  void main() {
    vec2 d = gl_PointCoord - 0.5;
    float r2 = dot(d, d);
    if (r2 > 0.25) discard;
    outColor = vec4(vColor.rgb * (1.0 - 0.35 * r2), vColor.a);
  }`;

/**
 * The map: all points in one draw call (quantised positions and one colour byte per point on the
 * GPU; the colour table is a 256 × 1 texture), an orthographic pan/zoom view for 2-D layouts and an
 * orbiting perspective view for 3-D ones, picking, a highlighted point and its neighbour lines.
 * Renders only when something changed.
 */
export class PointMap {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly ortho = new THREE.OrthographicCamera(-1, 1, 1, -1, -1e6, 1e6);
  private readonly persp = new THREE.PerspectiveCamera(50, 1, 0.01, 1e6);
  private camera: THREE.Camera = this.ortho;
  private controls: OrbitControls;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private readonly points: THREE.Points;
  private readonly paletteTexture: THREE.DataTexture;
  private readonly marker: THREE.Mesh;
  private readonly lines: THREE.LineSegments;
  private positions: Positions | null = null;
  /** Decoded positions of the current layout, 3 floats per point, for picking and lines. */
  private world = new Float32Array(0);
  private codes: Uint8Array = new Uint8Array(0);
  private palette = new Uint8Array(256 * 4);
  private dirty = true;
  private animation: { start: number; duration: number; done: () => void } | null = null;
  dimension = 2;
  onChange: () => void = () => {};

  /** Whether a layout transition is running. */
  get animating(): boolean {
    return this.animation !== null;
  }

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.setClearColor(0x0b0d12, 1);
    this.paletteTexture = new THREE.DataTexture(this.palette, 256, 1, THREE.RGBAFormat, THREE.UnsignedByteType);
    this.paletteTexture.needsUpdate = true;
    this.material = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      transparent: true,
      depthWrite: false,
      uniforms: {
        loA: { value: new THREE.Vector3() }, spanA: { value: new THREE.Vector3() },
        loB: { value: new THREE.Vector3() }, spanB: { value: new THREE.Vector3() },
        mixT: { value: 0 }, palette: { value: this.paletteTexture },
        size: { value: 3 }, opacity: { value: 0.8 }, perspectiveScale: { value: 0 },
      },
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.scene.add(this.points);
    this.marker = new THREE.Mesh(new THREE.RingGeometry(0.8, 1.0, 32),
      new THREE.MeshBasicMaterial({ color: 0xffffff, depthTest: false, transparent: true }));
    this.marker.visible = false;
    this.marker.renderOrder = 2;
    this.scene.add(this.marker);
    this.lines = new THREE.LineSegments(new THREE.BufferGeometry(),
      new THREE.LineBasicMaterial({ color: 0xffe08a, transparent: true, opacity: 0.9, depthTest: false }));
    this.lines.renderOrder = 1;
    this.lines.frustumCulled = false;
    this.scene.add(this.lines);
    this.controls = this.makeControls(2);
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
    const loop = (t: number) => {
      this.tick(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  private makeControls(dimension: number): OrbitControls {
    const c = dimension === 3 ? new OrbitControls(this.persp, this.canvas) : new MapControls(this.ortho, this.canvas);
    if (dimension !== 3) {
      c.enableRotate = false;
      c.screenSpacePanning = true;
      c.zoomToCursor = true;
    }
    c.enableDamping = false;
    c.addEventListener('change', () => {
      this.dirty = true;
      this.onChange();
    });
    return c;
  }

  private resize(): void {
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    if (w === 0 || h === 0) return;
    this.renderer.setSize(w, h, false);
    const aspect = w / h;
    this.persp.aspect = aspect;
    this.persp.updateProjectionMatrix();
    const half = 1;
    this.ortho.left = -half * aspect;
    this.ortho.right = half * aspect;
    this.ortho.top = half;
    this.ortho.bottom = -half;
    this.ortho.updateProjectionMatrix();
    this.dirty = true;
  }

  /** Shows a layout; with {@code animate} the points travel from the current layout to it. */
  setPositions(p: Positions, animate: boolean, fit: boolean): Promise<void> {
    this.settleAnimation();
    const first = this.positions === null || this.positions.count !== p.count;
    const dimensionChanged = p.dimension !== this.dimension || first;
    const before = this.positions;
    const attrB = new THREE.BufferAttribute(p.quantized, 3, true);
    const u = this.material.uniforms;
    this.geometry.setAttribute('posB', attrB);
    u.loB.value.fromArray(p.lo);
    u.spanB.value.fromArray(p.span);
    if (first || !animate) {
      this.geometry.setAttribute('posA', attrB);
      u.loA.value.fromArray(p.lo);
      u.spanA.value.fromArray(p.span);
    }
    if (this.codes.length !== p.count) this.setCodes(new Uint8Array(p.count));
    this.positions = p;
    this.world = new Float32Array(p.count * 3);
    for (let i = 0; i < p.count; i++) {
      for (let a = 0; a < 3; a++) this.world[i * 3 + a] = p.lo[a] + (p.quantized[i * 3 + a] / 65535) * p.span[a];
    }
    this.geometry.setDrawRange(0, p.count);
    this.geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), Infinity);
    if (dimensionChanged) this.useDimension(p.dimension);
    // a layout of another extent is framed anew, or its points could be specks or off screen
    const extent = (q: Positions) => Math.max(q.span[0], q.span[1], q.span[2]);
    const rescaled = before !== null && Math.abs(Math.log(extent(p) / Math.max(extent(before), 1e-12))) > 0.2;
    if (fit || dimensionChanged || rescaled) this.fit();
    this.lines.visible = false;
    this.marker.visible = false;
    this.dirty = true;
    u.mixT.value = 0;
    if (first || !animate) return Promise.resolve();
    return new Promise((resolve) => {
      this.animation = { start: performance.now(), duration: 900, done: () => {
        this.geometry.setAttribute('posA', attrB);
        u.loA.value.fromArray(p.lo);
        u.spanA.value.fromArray(p.span);
        u.mixT.value = 0;
        this.dirty = true;
        resolve();
      } };
    });
  }

  /** Ends a running transition at its destination (before another layout replaces it). */
  private settleAnimation(): void {
    const a = this.animation;
    if (a) {
      this.animation = null;
      a.done();
    }
  }

  /** Shows nothing (an atlas without layouts). */
  clear(): void {
    this.settleAnimation();
    this.positions = null;
    this.world = new Float32Array(0);
    this.geometry.setDrawRange(0, 0);
    this.highlight(-1, []);
    this.dirty = true;
  }

  private useDimension(d: number): void {
    this.dimension = d;
    this.controls.dispose();
    this.camera = d === 3 ? this.persp : this.ortho;
    this.material.uniforms.perspectiveScale.value = d === 3 ? 1 : 0;
    this.material.depthTest = d === 3;
    this.controls = this.makeControls(d);
  }

  /** Frames every point. */
  fit(): void {
    const p = this.positions;
    if (!p) return;
    const center = new THREE.Vector3(p.lo[0] + p.span[0] / 2, p.lo[1] + p.span[1] / 2, p.lo[2] + p.span[2] / 2);
    const radius = Math.max(p.span[0], p.span[1], p.span[2], 1e-6) / 2;
    if (this.dimension === 3) {
      this.persp.near = radius / 1000;
      this.persp.far = radius * 100;
      this.persp.position.copy(center).add(new THREE.Vector3(0, 0, radius * 2.6));
      this.persp.updateProjectionMatrix();
      this.material.uniforms.perspectiveScale.value = radius * 2.6;
    } else {
      this.ortho.position.set(center.x, center.y, 10);
      this.ortho.zoom = 1 / (radius * 1.08);
      this.ortho.updateProjectionMatrix();
    }
    this.controls.target.copy(center);
    this.controls.update();
    this.dirty = true;
  }

  setCodes(codes: Uint8Array): void {
    this.codes = codes;
    this.geometry.setAttribute('code', new THREE.BufferAttribute(codes, 1, false));
    this.dirty = true;
  }

  setPalette(palette: Uint8Array): void {
    this.palette.set(palette);
    this.paletteTexture.needsUpdate = true;
    this.dirty = true;
  }

  setStyle(size: number, opacity: number): void {
    this.material.uniforms.size.value = size;
    this.material.uniforms.opacity.value = opacity;
    this.dirty = true;
  }

  private visible(i: number): boolean {
    return this.palette[this.codes[i] * 4 + 3] >= 128;
  }

  /** The world position of a point. */
  position(i: number): THREE.Vector3 {
    return new THREE.Vector3(this.world[i * 3], this.world[i * 3 + 1], this.world[i * 3 + 2]);
  }

  /** Where point i is drawn, in CSS pixels from the canvas's top left; null when off screen. */
  screenOf(i: number): [number, number] | null {
    const v = this.position(i).project(this.camera);
    if (v.z < -1 || v.z > 1 || Math.abs(v.x) > 1 || Math.abs(v.y) > 1) return null;
    return [(v.x + 1) / 2 * this.canvas.clientWidth, (1 - v.y) / 2 * this.canvas.clientHeight];
  }

  /** The visible point drawn nearest to (x, y) in CSS pixels, within {@code radius}; -1 if none. */
  pick(x: number, y: number, radius: number): number {
    const n = this.positions?.count ?? 0;
    if (n === 0) return -1;
    this.camera.updateMatrixWorld();
    const m = new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse).elements;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const nx = (x / w) * 2 - 1;
    const ny = 1 - (y / h) * 2;
    const rx = (radius / w) * 2;
    const ry = (radius / h) * 2;
    let best = -1;
    let bestD = 1;
    let bestZ = Infinity;
    const p = this.world;
    for (let i = 0; i < n; i++) {
      const px = p[3 * i];
      const py = p[3 * i + 1];
      const pz = p[3 * i + 2];
      const cw = m[3] * px + m[7] * py + m[11] * pz + m[15];
      const cx = (m[0] * px + m[4] * py + m[8] * pz + m[12]) / cw - nx;
      if (cx > rx || cx < -rx) continue;
      const cy = (m[1] * px + m[5] * py + m[9] * pz + m[13]) / cw - ny;
      if (cy > ry || cy < -ry) continue;
      const cz = (m[2] * px + m[6] * py + m[10] * pz + m[14]) / cw;
      if (cz < -1 || cz > 1 || !this.visible(i)) continue;
      const d = (cx / rx) * (cx / rx) + (cy / ry) * (cy / ry);
      if (d > 1) continue;
      // in 3-D prefer the nearer of points drawn on top of each other
      if (d < bestD - 0.05 || (Math.abs(d - bestD) <= 0.05 && cz < bestZ)) {
        best = i;
        bestD = d;
        bestZ = cz;
      }
    }
    return best;
  }

  /** Rings point i and draws lines to its neighbours; -1 clears. */
  highlight(i: number, neighbors: number[]): void {
    if (i < 0) {
      this.marker.visible = false;
      this.lines.visible = false;
      this.dirty = true;
      return;
    }
    this.marker.visible = true;
    this.marker.position.copy(this.position(i));
    const seg = new Float32Array(neighbors.length * 6);
    neighbors.forEach((j, k) => {
      seg.set([this.world[3 * i], this.world[3 * i + 1], this.world[3 * i + 2]], k * 6);
      seg.set([this.world[3 * j], this.world[3 * j + 1], this.world[3 * j + 2]], k * 6 + 3);
    });
    this.lines.geometry.setAttribute('position', new THREE.BufferAttribute(seg, 3));
    this.lines.visible = neighbors.length > 0;
    this.dirty = true;
  }

  /** Moves the view to centre point i (keeping the zoom in 2-D, closing in a little in 3-D). */
  flyTo(i: number): void {
    const target = this.position(i);
    const from = this.controls.target.clone();
    const camFrom = this.camera.position.clone();
    const offset = camFrom.clone().sub(from);
    if (this.dimension === 3) offset.multiplyScalar(0.5);
    else this.ortho.zoom = Math.max(this.ortho.zoom, 4 / Math.max(this.positions!.span[0], this.positions!.span[1]));
    this.ortho.updateProjectionMatrix();
    const start = performance.now();
    const step = () => {
      const t = Math.min(1, (performance.now() - start) / 600);
      const e = t * t * (3 - 2 * t);
      this.controls.target.lerpVectors(from, target, e);
      this.camera.position.lerpVectors(camFrom, target.clone().add(offset), e);
      this.controls.update();
      this.dirty = true;
      if (t < 1) requestAnimationFrame(step);
    };
    step();
  }

  /** Moves the view by a fraction of its width and height (as a drag would). */
  panBy(fx: number, fy: number): void {
    const w = (this.ortho.right - this.ortho.left) / this.ortho.zoom;
    const h = (this.ortho.top - this.ortho.bottom) / this.ortho.zoom;
    const d = this.dimension === 3
      ? new THREE.Vector3(fx, fy, 0).multiplyScalar(this.camera.position.distanceTo(this.controls.target))
        .applyQuaternion(this.camera.quaternion)
      : new THREE.Vector3(fx * w, fy * h, 0);
    this.camera.position.add(d);
    this.controls.target.add(d);
    this.controls.update();
    this.dirty = true;
  }

  /** Turns the 3-D camera about the vertical axis through its target (as an orbit drag would). */
  orbitBy(radians: number): void {
    const offset = this.camera.position.clone().sub(this.controls.target);
    offset.applyAxisAngle(this.camera.up, radians);
    this.camera.position.copy(this.controls.target).add(offset);
    this.controls.update();
    this.dirty = true;
  }

  /** Camera as position, target and zoom (for the URL). */
  cameraState(): number[] {
    const c = this.camera.position;
    const t = this.controls.target;
    return [c.x, c.y, c.z, t.x, t.y, t.z, this.dimension === 3 ? 1 : this.ortho.zoom];
  }

  setCameraState(s: number[]): void {
    this.camera.position.set(s[0], s[1], s[2]);
    this.controls.target.set(s[3], s[4], s[5]);
    if (this.dimension !== 3) {
      this.ortho.zoom = s[6];
      this.ortho.updateProjectionMatrix();
    }
    this.controls.update();
    this.dirty = true;
  }

  private tick(now: number): void {
    if (this.animation) {
      const t = Math.min(1, (now - this.animation.start) / this.animation.duration);
      this.material.uniforms.mixT.value = t * t * (3 - 2 * t);
      this.dirty = true;
      if (t >= 1) {
        const done = this.animation.done;
        this.animation = null;
        done();
      }
    }
    if (!this.dirty) return;
    this.dirty = false;
    if (this.marker.visible) {
      // a ring of constant size on screen, facing the camera
      this.marker.quaternion.copy(this.camera.quaternion);
      const px = this.dimension === 3
        ? this.marker.position.distanceTo(this.camera.position) * 0.02
        : 12 / (this.ortho.zoom * this.canvas.clientHeight / 2);
      this.marker.scale.setScalar(px);
    }
    this.renderer.render(this.scene, this.camera);
    this.frames++;
  }

  frames = 0;
}
