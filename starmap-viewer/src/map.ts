/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { MapControls } from 'three/examples/jsm/controls/MapControls.js';
import { FlyControls } from 'three/examples/jsm/controls/FlyControls.js';
import { EffectComposer } from 'three/examples/jsm/postprocessing/EffectComposer.js';
import { RenderPass } from 'three/examples/jsm/postprocessing/RenderPass.js';
import { UnrealBloomPass } from 'three/examples/jsm/postprocessing/UnrealBloomPass.js';
import { ShaderPass } from 'three/examples/jsm/postprocessing/ShaderPass.js';
import { CopyShader } from 'three/examples/jsm/shaders/CopyShader.js';
import { PolygonTest } from './polygon';
import { FrameClock, QUALITY, type Quality } from './quality';
import type { Positions } from './api';

// Colours are used as they are written (sRGB bytes in, the same bytes out), in the custom shaders, the
// render targets and three's own materials alike: no linear working space to convert to and from.
THREE.ColorManagement.enabled = false;

/** Width of the selection texture (rows wrap to the next line of texels). */
const SELECTION_WIDTH = 2048;

const VERTEX = /* glsl */ `
  in vec3 posA;
  in vec3 posB;
  in float code;
  in float shape;
  in float flags;
  uniform vec3 loA;
  uniform vec3 spanA;
  uniform vec3 loB;
  uniform vec3 spanB;
  uniform float mixT;
  uniform sampler2D palette;
  uniform float size;
  uniform float opacity;
  uniform float perspectiveScale;
  uniform float unselectedAlpha;
  out vec4 vColor;
  flat out int vShape;
  flat out uint vRow;
  void main() {
    vRow = uint(gl_VertexID);
    vec3 p = mix(loA + posA * spanA, loB + posB * spanB, mixT);
    vec4 c = texelFetch(palette, ivec2(int(code), 0), 0);
    // flags: 1 selected, 2 deleted (hidden); with a selection, the rest fade (or vanish)
    int f = int(flags);
    bool deleted = (f & 2) != 0;
    float a = unselectedAlpha < 1.0 && (f & 1) == 0 ? opacity * unselectedAlpha : opacity;
    vColor = vec4(c.rgb, a);
    vShape = int(shape);
    vec4 mv = modelViewMatrix * vec4(p, 1.0);
    gl_Position = projectionMatrix * mv;
    float s = perspectiveScale > 0.0 ? size * perspectiveScale / max(-mv.z, 1e-3) : size;
    bool hidden = c.a < 0.5 || deleted || a <= 0.0;
    gl_PointSize = hidden ? 0.0 : max(s, 1.0);
    if (hidden) gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
  }`;

/** Markers: 0 disc, 1 square, 2 triangle, 3 diamond, 4 plus, 5 ring (see {@link SHAPES}). */
const FRAGMENT = /* glsl */ `
  in vec4 vColor;
  flat in int vShape;
  flat in uint vRow;
  layout(location = 0) out vec4 outColor;
  // the row of the point drawn at this pixel, in the base image's second attachment (alpha 1: a point)
  layout(location = 1) out vec4 outRow;
  void main() {
    vec2 d = gl_PointCoord - 0.5;
    float r2 = dot(d, d);
    vec2 a = abs(d);
    bool inside;
    if (vShape == 1) inside = max(a.x, a.y) <= 0.40;
    else if (vShape == 2) { float y = 0.45 - d.y; inside = d.y <= 0.38 && a.x <= y * 0.58; }
    else if (vShape == 3) inside = a.x + a.y <= 0.5;
    else if (vShape == 4) inside = min(a.x, a.y) <= 0.13 && max(a.x, a.y) <= 0.48;
    else if (vShape == 5) inside = r2 <= 0.25 && r2 >= 0.08;
    else inside = r2 <= 0.25;
    if (!inside) discard;
    outColor = vec4(vColor.rgb * (1.0 - 0.35 * r2), vColor.a);
    outRow = vec4(float(vRow & 255u), float((vRow >> 8) & 255u), float((vRow >> 16) & 255u), 255.0) / 255.0;
  }`;

/** Names of the marker shapes, by shape code. */
export const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'plus', 'ring'];

/** Edges: the points' own (quantised, interpolated) positions, indexed by row pairs, at low opacity. */
const EDGE_VERTEX = /* glsl */ `
  in vec3 posA;
  in vec3 posB;
  in float code;
  uniform vec3 loA;
  uniform vec3 spanA;
  uniform vec3 loB;
  uniform vec3 spanB;
  uniform float mixT;
  uniform sampler2D palette;
  uniform float opacity;
  out vec4 vColor;
  void main() {
    vec3 p = mix(loA + posA * spanA, loB + posB * spanB, mixT);
    vec4 c = texelFetch(palette, ivec2(int(code), 0), 0);
    vColor = vec4(mix(c.rgb, vec3(0.8), 0.35), c.a < 0.5 ? 0.0 : opacity);
    gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }`;

const EDGE_FRAGMENT = /* glsl */ `
  in vec4 vColor;
  uniform float opacity;
  layout(location = 0) out vec4 outColor;
  layout(location = 1) out vec4 outRow;
  void main() {
    // an edge with a hidden end is hidden
    if (vColor.a < 0.999 * opacity) discard;
    outColor = vColor;
    outRow = vec4(0.0); // alpha 0: leaves the row below as it is
  }`;

/** A hashed uniform number in [0, 1) for an edge, so sampling keeps the same edges from frame to frame. */
function edgeRandom(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

/**
 * The map: all points in one draw call (quantised positions and one colour byte per point on the
 * GPU; the colour table is a 256 × 1 texture), an orthographic pan/zoom view for 2-D layouts and an
 * orbiting (or flying) perspective view for 3-D ones, marker shapes, picking, a highlighted point and
 * its neighbour lines, a highlighted set with its connections, the graph's edges in one draw call, a
 * glow pass in 3-D, and quality that follows the frame time. Renders only when something changed.
 */
export class PointMap {
  readonly renderer: THREE.WebGLRenderer;
  /** What is costly to draw (every point, the edges): drawn into {@link base} only when it changes. */
  private readonly scene = new THREE.Scene();
  /** What is cheap and changes often (the selection, rings, lines): drawn over the base every frame. */
  private readonly overlay = new THREE.Scene();
  private base: THREE.WebGLRenderTarget | null = null;
  private readonly present = new THREE.Scene();
  private readonly presentCamera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0, 1);
  private readonly presentMaterial: THREE.ShaderMaterial;
  /** One byte per point, 255 where selected, SELECTION_WIDTH wide: the present pass looks rows up in it. */
  private selectionTexture = new THREE.DataTexture(new Uint8Array(SELECTION_WIDTH), SELECTION_WIDTH, 1,
    THREE.RedFormat, THREE.UnsignedByteType);
  /** Only the overlay changed: the base image is reused. */
  private overlayDirty = false;
  private readonly ortho = new THREE.OrthographicCamera(-1, 1, 1, -1, -1e6, 1e6);
  private readonly persp = new THREE.PerspectiveCamera(50, 1, 0.01, 1e6);
  private camera: THREE.Camera = this.ortho;
  private controls: OrbitControls;
  private fly: FlyControls | null = null;
  private readonly geometry = new THREE.BufferGeometry();
  private readonly material: THREE.ShaderMaterial;
  private readonly points: THREE.Points;
  private readonly paletteTexture: THREE.DataTexture;
  private readonly marker: THREE.Mesh;
  private readonly lines: THREE.LineSegments;
  private readonly edgeGeometry = new THREE.BufferGeometry();
  private readonly edgeMaterial: THREE.ShaderMaterial;
  private readonly edgeLines: THREE.LineSegments;
  private readonly setPoints: THREE.Points;
  private readonly setLines: THREE.LineSegments;
  private composer: EffectComposer | null = null;
  private bloomPass: UnrealBloomPass | null = null;
  private positions: Positions | null = null;
  /** Decoded positions of the current layout, 3 floats per point, for picking and lines. */
  private world = new Float32Array(0);
  private codes: Uint8Array = new Uint8Array(0);
  private flags: Uint8Array = new Uint8Array(0);
  private flagAttribute: THREE.BufferAttribute | null = null;
  private palette = new Uint8Array(256 * 4);
  /** Every loaded edge as row pairs, and how many are loaded. */
  private edgePairs = new Uint32Array(0);
  private edgeCount = 0;
  private edgesShown = false;
  private highlighted: { rows: number[]; edges: number[] } = { rows: [], edges: [] };
  private glowWanted = false;
  private dirty = true;
  private lastFrame = -1;
  private animation: { start: number; duration: number; done: () => void } | null = null;
  readonly clock = new FrameClock();
  dimension = 2;
  onChange: () => void = () => {};
  /** Told when the quality level changes (labels follow it). */
  onQuality: (q: Quality) => void = () => {};

  /** Whether a layout transition is running. */
  get animating(): boolean {
    return this.animation !== null;
  }

  get quality(): Quality {
    return QUALITY[this.clock.level];
  }

  /** Edges drawn now (after sampling by length and the quality's budget). */
  get edgesDrawn(): number {
    return this.edgeLines.visible ? (this.edgeGeometry.index?.count ?? 0) / 2 : 0;
  }

  /** Whether the glow pass is running. */
  get glowing(): boolean {
    return this.composer !== null && this.dimension === 3;
  }

  constructor(private readonly canvas: HTMLCanvasElement) {
    // premultipliedAlpha off: the base image is cleared to the background colour with alpha 0 (no point), which a
    // premultiplying clear would turn black; every frame's last pass writes alpha 1, so the canvas is opaque
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance',
      premultipliedAlpha: false });
    this.renderer.outputColorSpace = THREE.LinearSRGBColorSpace;
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, QUALITY[0].pixelRatio));
    this.renderer.setClearColor(0x0b0d12, 1);
    this.paletteTexture = new THREE.DataTexture(this.palette, 256, 1, THREE.RGBAFormat, THREE.UnsignedByteType);
    this.paletteTexture.needsUpdate = true;
    const shared = {
      loA: { value: new THREE.Vector3() }, spanA: { value: new THREE.Vector3() },
      loB: { value: new THREE.Vector3() }, spanB: { value: new THREE.Vector3() },
      mixT: { value: 0 }, palette: { value: this.paletteTexture },
    };
    this.material = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader: VERTEX,
      fragmentShader: FRAGMENT,
      transparent: true,
      depthWrite: false,
      uniforms: { ...shared, size: { value: 3 }, opacity: { value: 0.8 }, perspectiveScale: { value: 0 },
        unselectedAlpha: { value: 1 } },
    });
    this.points = new THREE.Points(this.geometry, this.material);
    this.points.frustumCulled = false;
    this.points.renderOrder = 0;
    // edges share the points' attributes (uploaded once) and their interpolation uniforms
    this.edgeMaterial = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      vertexShader: EDGE_VERTEX,
      fragmentShader: EDGE_FRAGMENT,
      transparent: true,
      depthWrite: false,
      uniforms: { ...shared, opacity: { value: 0.12 } },
    });
    this.edgeLines = new THREE.LineSegments(this.edgeGeometry, this.edgeMaterial);
    this.edgeLines.frustumCulled = false;
    this.edgeLines.visible = false;
    this.edgeLines.renderOrder = -1;
    this.scene.add(this.edgeLines, this.points);
    this.marker = new THREE.Mesh(new THREE.RingGeometry(0.8, 1.0, 32),
      new THREE.MeshBasicMaterial({ color: 0xffffff, depthTest: false, transparent: true }));
    this.marker.visible = false;
    this.marker.renderOrder = 3;
    this.overlay.add(this.marker);
    this.lines = new THREE.LineSegments(new THREE.BufferGeometry(),
      new THREE.LineBasicMaterial({ color: 0xffe08a, transparent: true, opacity: 0.9, depthTest: false }));
    this.lines.renderOrder = 2;
    this.lines.frustumCulled = false;
    this.overlay.add(this.lines);
    // a highlighted set: bright rings joined by their connections, above everything else
    this.setLines = new THREE.LineSegments(new THREE.BufferGeometry(),
      new THREE.LineBasicMaterial({ color: 0x7fd8ff, transparent: true, opacity: 0.75, depthTest: false }));
    this.setLines.frustumCulled = false;
    this.setLines.renderOrder = 4;
    this.setPoints = new THREE.Points(new THREE.BufferGeometry(), new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      transparent: true,
      depthTest: false,
      uniforms: { size: { value: 12 } },
      vertexShader: /* glsl */ `
        uniform float size;
        void main() {
          gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
          gl_PointSize = size;
        }`,
      fragmentShader: /* glsl */ `
        out vec4 outColor;
        void main() {
          float r = length(gl_PointCoord - 0.5);
          if (r > 0.5 || r < 0.3) discard;
          outColor = vec4(0.5, 0.85, 1.0, 1.0);
        }`,
    }));
    this.setPoints.frustumCulled = false;
    this.setPoints.renderOrder = 5;
    this.setPoints.visible = false;
    this.setLines.visible = false;
    this.overlay.add(this.setLines, this.setPoints);
    this.presentMaterial = new THREE.ShaderMaterial({
      glslVersion: THREE.GLSL3,
      depthTest: false,
      depthWrite: false,
      uniforms: {
        image: { value: null }, rows: { value: null }, selection: { value: this.selectionTexture }, dim: { value: 1 },
        background: { value: new THREE.Color(0x0b0d12) },
      },
      vertexShader: /* glsl */ `
        out vec2 vUv;
        void main() {
          vUv = uv;
          gl_Position = vec4(position.xy, 0.0, 1.0);
        }`,
      fragmentShader: /* glsl */ `
        in vec2 vUv;
        uniform sampler2D image;
        uniform sampler2D rows;
        uniform sampler2D selection;
        uniform float dim;
        uniform vec3 background;
        out vec4 outColor;
        void main() {
          vec4 c = texture(image, vUv);
          float keep = 1.0;
          if (dim < 1.0) {
            // the pixel keeps its colour when the point drawn there is selected, else it fades
            vec4 e = texelFetch(rows, ivec2(gl_FragCoord.xy), 0);
            keep = dim;
            if (e.a > 0.5) {
              uint row = uint(e.r * 255.0 + 0.5) | (uint(e.g * 255.0 + 0.5) << 8) | (uint(e.b * 255.0 + 0.5) << 16);
              if (texelFetch(selection, ivec2(int(row % ${SELECTION_WIDTH}u), int(row / ${SELECTION_WIDTH}u)), 0).r > 0.5) {
                keep = 1.0;
              }
            }
          }
          outColor = vec4(mix(background, c.rgb, keep), 1.0);
        }`,
    });
    const quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2), this.presentMaterial);
    quad.frustumCulled = false;
    this.present.add(quad);
    this.controls = this.makeControls(2);
    // FlyControls listen to keys on the whole window: typing in a text box must not fly the camera
    document.addEventListener('focusin', () => { if (this.fly) this.fly.enabled = !PointMap.typing(); });
    document.addEventListener('focusout', () => setTimeout(() => {
      if (this.fly) this.fly.enabled = !PointMap.typing();
    }, 0));
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
    c.addEventListener('change', () => this.changed());
    return c;
  }

  private changed(): void {
    this.dirty = true;
    this.onChange();
  }

  private resize(): void {
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    if (w === 0 || h === 0) return;
    this.renderer.setSize(w, h, false);
    this.composer?.setSize(w, h);
    this.sizeBase();
    const aspect = w / h;
    this.persp.aspect = aspect;
    this.persp.updateProjectionMatrix();
    const half = 1;
    this.ortho.left = -half * aspect;
    this.ortho.right = half * aspect;
    this.ortho.top = half;
    this.ortho.bottom = -half;
    this.ortho.updateProjectionMatrix();
    // what is drawn where has moved: labels and the tooltip follow
    this.changed();
  }

  /** The base image's render target follows the drawing buffer's size. */
  private sizeBase(): void {
    const size = this.renderer.getDrawingBufferSize(new THREE.Vector2());
    if (size.x === 0 || size.y === 0) return;
    if (!this.base) {
      // attachment 0: the colours; 1: the row of the point drawn at each pixel
      this.base = new THREE.WebGLRenderTarget(size.x, size.y, { depthBuffer: true, count: 2,
        minFilter: THREE.NearestFilter, magFilter: THREE.NearestFilter });
      this.presentMaterial.uniforms.image.value = this.base.textures[0];
      this.presentMaterial.uniforms.rows.value = this.base.textures[1];
    } else if (this.base.width !== size.x || this.base.height !== size.y) {
      this.base.setSize(size.x, size.y);
    }
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
    this.setAttribute('posB', attrB);
    u.loB.value.fromArray(p.lo);
    u.spanB.value.fromArray(p.span);
    if (first || !animate) {
      this.setAttribute('posA', attrB);
      u.loA.value.fromArray(p.lo);
      u.spanA.value.fromArray(p.span);
    }
    if (this.codes.length !== p.count) {
      this.setCodes(new Uint8Array(p.count));
      this.setShapes(new Uint8Array(p.count));
      this.setFlags(new Uint8Array(p.count));
    }
    if (first) this.clearEdges();
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
    this.sampleEdges();
    this.drawSet();
    this.dirty = true;
    u.mixT.value = 0;
    if (first || !animate) return Promise.resolve();
    return new Promise((resolve) => {
      this.animation = { start: performance.now(), duration: 900, done: () => {
        this.setAttribute('posA', attrB);
        u.loA.value.fromArray(p.lo);
        u.spanA.value.fromArray(p.span);
        u.mixT.value = 0;
        this.dirty = true;
        resolve();
      } };
    });
  }

  /** Sets a per-point attribute on the points and on the edges that share them. */
  private setAttribute(name: string, a: THREE.BufferAttribute): void {
    this.geometry.setAttribute(name, a);
    this.edgeGeometry.setAttribute(name, a);
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
    this.highlightSet([], []);
    this.clearEdges();
    this.dirty = true;
  }

  private useDimension(d: number): void {
    this.dimension = d;
    this.setFlying(false);
    this.controls.dispose();
    this.camera = d === 3 ? this.persp : this.ortho;
    this.material.uniforms.perspectiveScale.value = d === 3 ? 1 : 0;
    this.material.depthTest = d === 3;
    this.controls = this.makeControls(d);
    this.updateGlow();
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
      this.persp.quaternion.identity();
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
    this.setAttribute('code', new THREE.BufferAttribute(codes, 1, false));
    this.dirty = true;
  }

  /** Per point: bit 0 selected, bit 1 deleted. Call {@link flagsChanged} after editing the array in place. */
  setFlags(flags: Uint8Array): void {
    this.flags = flags;
    this.flagAttribute = new THREE.BufferAttribute(flags, 1, false);
    this.geometry.setAttribute('flags', this.flagAttribute);
    this.deleted = this.countDeleted();
    this.selectionChanged();
    this.dirty = true;
  }

  private deleted = 0;

  private countDeleted(): number {
    let d = 0;
    for (let i = 0; i < this.flags.length; i++) d += (this.flags[i] >> 1) & 1;
    return d;
  }

  /**
   * The flags changed. A change of selection only redraws the selected points over the base image
   * (cost in proportion to the selection, not to the map); deleting or restoring redraws the map.
   */
  flagsChanged(): void {
    if (this.flagAttribute) this.flagAttribute.needsUpdate = true;
    const deleted = this.countDeleted();
    if (deleted !== this.deleted) this.dirty = true;
    this.deleted = deleted;
    this.selectionChanged();
  }

  private selectionChanged(): void {
    const n = this.flags.length;
    const height = Math.max(1, Math.ceil(n / SELECTION_WIDTH));
    let t = this.selectionTexture;
    if (t.image.height !== height) {
      t.dispose();
      t = new THREE.DataTexture(new Uint8Array(SELECTION_WIDTH * height), SELECTION_WIDTH, height, THREE.RedFormat,
        THREE.UnsignedByteType);
      this.selectionTexture = t;
      this.presentMaterial.uniforms.selection.value = t;
    }
    const data = t.image.data as Uint8Array;
    for (let i = 0; i < n; i++) data[i] = (this.flags[i] & 1) * 255;
    t.needsUpdate = true;
    this.overlayDirty = true;
    // the glow pass draws every point each frame, fading the unselected in the vertex shader
    if (this.composer) this.dirty = true;
  }

  /** How points outside a selection show: 1 as usual (no selection), 0.2 faded, 0 hidden. */
  setUnselectedAlpha(a: number): void {
    this.presentMaterial.uniforms.dim.value = a;
    this.overlayDirty = true;
    if (this.composer) this.dirty = true;
  }

  /** The camera's view-projection matrix, column-major (what the server's polygon selection takes). */
  viewProjection(): number[] {
    this.camera.updateMatrixWorld();
    return new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse).toArray();
  }

  /**
   * Calls {@code visit(row)} for every point drawn inside a polygon given in normalised device
   * coordinates (the server's test, with the same arithmetic); hidden and deleted points are skipped.
   */
  forEachInPolygon(xs: number[], ys: number[], visit: (row: number) => void): void {
    const n = this.positions?.count ?? 0;
    const m = this.viewProjection();
    const p = this.world;
    const test = new PolygonTest(xs, ys);
    const { minX, maxX, minY, maxY } = test;
    for (let i = 0; i < n; i++) {
      const px = p[3 * i];
      const py = p[3 * i + 1];
      const pz = p[3 * i + 2];
      const cw = m[3] * px + m[7] * py + m[11] * pz + m[15];
      const x = (m[0] * px + m[4] * py + m[8] * pz + m[12]) / cw;
      if (x < minX || x > maxX) continue;
      const y = (m[1] * px + m[5] * py + m[9] * pz + m[13]) / cw;
      if (y < minY || y > maxY) continue;
      const z = (m[2] * px + m[6] * py + m[10] * pz + m[14]) / cw;
      if (z < -1 || z > 1 || !this.visible(i) || (this.flags[i] & 2) !== 0) continue;
      if (test.inside(x, y)) visit(i);
    }
  }

  /** Turns controls off while a selection tool owns the pointer. */
  setControlsEnabled(on: boolean): void {
    this.controls.enabled = on && !this.fly;
  }

  /** Marker shape per point, 0 … 5 as {@link SHAPES} names them. */
  setShapes(shapes: Uint8Array): void {
    const a = new THREE.BufferAttribute(shapes, 1, false);
    this.geometry.setAttribute('shape', a);
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

  /**
   * Calls {@code visit(row, x, y)} for every shown point on screen (CSS pixels), every
   * {@code stride}-th point only when given; for labels.
   */
  forEachOnScreen(visit: (row: number, x: number, y: number) => void, stride = 1): void {
    const n = this.positions?.count ?? 0;
    if (n === 0) return;
    this.camera.updateMatrixWorld();
    const m = new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse).elements;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const p = this.world;
    for (let i = 0; i < n; i += stride) {
      const px = p[3 * i];
      const py = p[3 * i + 1];
      const pz = p[3 * i + 2];
      const cw = m[3] * px + m[7] * py + m[11] * pz + m[15];
      const x = (m[0] * px + m[4] * py + m[8] * pz + m[12]) / cw;
      if (x < -1 || x > 1) continue;
      const y = (m[1] * px + m[5] * py + m[9] * pz + m[13]) / cw;
      if (y < -1 || y > 1) continue;
      const z = (m[2] * px + m[6] * py + m[10] * pz + m[14]) / cw;
      if (z < -1 || z > 1 || !this.visible(i)) continue;
      visit(i, (x + 1) / 2 * w, (1 - y) / 2 * h);
    }
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

  /** Line segments from row pairs, in the current layout's coordinates. */
  private segments(pairs: ArrayLike<number>): Float32Array {
    const seg = new Float32Array(pairs.length * 3);
    for (let e = 0; e < pairs.length; e++) {
      const r = pairs[e];
      seg[3 * e] = this.world[3 * r];
      seg[3 * e + 1] = this.world[3 * r + 1];
      seg[3 * e + 2] = this.world[3 * r + 2];
    }
    return seg;
  }

  /** Rings point i and draws lines to its neighbours; -1 clears. */
  highlight(i: number, neighbors: number[]): void {
    if (i < 0) {
      this.marker.visible = false;
      this.lines.visible = false;
      this.overlayDirty = true;
      return;
    }
    this.marker.visible = true;
    this.marker.position.copy(this.position(i));
    this.lines.geometry.setAttribute('position', new THREE.BufferAttribute(this.segments(neighbors.flatMap((j) => [i, j])), 3));
    this.lines.visible = neighbors.length > 0;
    this.overlayDirty = true;
  }

  /** Rings a set of points and joins them by {@code edges} (row pairs); an empty set clears. */
  highlightSet(rows: number[], edges: number[]): void {
    this.highlighted = { rows, edges };
    this.drawSet();
  }

  private drawSet(): void {
    const { rows, edges } = this.highlighted;
    const n = this.positions?.count ?? 0;
    const ok = rows.length > 0 && rows.every((r) => r < n);
    this.setPoints.visible = ok;
    this.setLines.visible = ok && edges.length > 0;
    if (ok) {
      this.setPoints.geometry.setAttribute('position', new THREE.BufferAttribute(this.segments(rows), 3));
      this.setLines.geometry.setAttribute('position', new THREE.BufferAttribute(this.segments(edges), 3));
    }
    this.overlayDirty = true;
  }

  /** Forgets the graph's edges (another atlas). */
  clearEdges(): void {
    this.edgePairs = new Uint32Array(0);
    this.edgeCount = 0;
    this.edgeGeometry.setIndex(null);
    this.edgeLines.visible = false;
    this.dirty = true;
  }

  /** Adds a chunk of the graph's edges (row pairs); they show when {@link showEdges} is on. */
  addEdges(pairs: Uint32Array, total: number): void {
    if (this.edgePairs.length < total * 2) {
      const grown = new Uint32Array(total * 2);
      grown.set(this.edgePairs.subarray(0, this.edgeCount * 2));
      this.edgePairs = grown;
    }
    this.edgePairs.set(pairs, this.edgeCount * 2);
    this.edgeCount += pairs.length / 2;
    this.sampleEdges();
  }

  showEdges(on: boolean): void {
    this.edgesShown = on;
    this.sampleEdges();
  }

  /**
   * Chooses the edges to draw: each kept with a probability that falls with its length in the current
   * layout (1 up to the typical length of the shortest fifth, then as the square of the ratio), so
   * neighbourhoods show as webs and the long edges that cross the map — the noise — mostly do not;
   * then at most the quality level's budget, in the server's random order.
   */
  private sampleEdges(): void {
    const n = this.positions?.count ?? 0;
    if (!this.edgesShown || this.edgeCount === 0 || n === 0) {
      this.edgeLines.visible = false;
      this.dirty = true;
      return;
    }
    const w = this.world;
    const len = (e: number) => {
      const a = this.edgePairs[2 * e];
      const b = this.edgePairs[2 * e + 1];
      return Math.hypot(w[3 * a] - w[3 * b], w[3 * a + 1] - w[3 * b + 1], w[3 * a + 2] - w[3 * b + 2]);
    };
    const probe: number[] = [];
    for (let e = 0; e < this.edgeCount; e += Math.max(1, Math.floor(this.edgeCount / 2000))) probe.push(len(e));
    probe.sort((x, y) => x - y);
    const typical = Math.max(probe[Math.floor(probe.length * 0.2)] ?? 0, 1e-9);
    const budget = this.quality.edgeBudget;
    const index = new Uint32Array(Math.min(this.edgeCount, budget) * 2);
    let m = 0;
    for (let e = 0; e < this.edgeCount && m < index.length; e++) {
      const a = this.edgePairs[2 * e];
      const b = this.edgePairs[2 * e + 1];
      if (a >= n || b >= n) continue;
      const ratio = typical / Math.max(len(e), 1e-12);
      if (ratio < 1 && edgeRandom(a, b) >= ratio * ratio) continue;
      index[m++] = a;
      index[m++] = b;
    }
    this.edgeGeometry.setIndex(new THREE.BufferAttribute(index.subarray(0, m), 1));
    this.edgeGeometry.setDrawRange(0, m);
    this.edgeLines.visible = m > 0;
    this.dirty = true;
  }

  /** The glow pass in 3-D: wanted by the user, allowed by the quality level. */
  setGlow(on: boolean): void {
    this.glowWanted = on;
    this.updateGlow();
  }

  private updateGlow(): void {
    const want = this.glowWanted && this.dimension === 3 && this.quality.bloom;
    if (want && !this.composer) {
      const size = this.renderer.getSize(new THREE.Vector2());
      this.composer = new EffectComposer(this.renderer);
      this.composer.addPass(new RenderPass(this.scene, this.camera));
      // a soft halo around what is bright; the last pass copies as it is, so colours match the plain view
      this.bloomPass = new UnrealBloomPass(size, 0.3, 0.2, 0.35);
      this.composer.addPass(this.bloomPass);
      this.composer.addPass(new ShaderPass(CopyShader));
      this.composer.setPixelRatio(this.renderer.getPixelRatio());
      this.composer.setSize(size.x, size.y);
    } else if (!want && this.composer) {
      this.composer.dispose();
      this.bloomPass?.dispose();
      this.composer = null;
      this.bloomPass = null;
    }
    this.dirty = true;
  }

  /** Fly controls in 3-D (W/A/S/D to move, R/F up and down, Q/E to roll, drag to look), or orbit again. */
  setFlying(on: boolean): void {
    if (this.fly) {
      this.fly.dispose();
      this.fly = null;
      this.controls.enabled = true;
      // orbit about the point ahead of where the flight ended
      const ahead = new THREE.Vector3(0, 0, -1).applyQuaternion(this.persp.quaternion)
        .multiplyScalar(this.controls.target.distanceTo(this.persp.position));
      this.controls.target.copy(this.persp.position).add(ahead);
      this.controls.update();
    }
    if (on && this.dimension === 3 && this.positions) {
      this.controls.enabled = false;
      this.fly = new FlyControls(this.persp, this.canvas);
      const p = this.positions;
      this.fly.movementSpeed = Math.max(p.span[0], p.span[1], p.span[2]) / 6;
      this.fly.rollSpeed = 0.6;
      this.fly.dragToLook = true;
      this.fly.addEventListener('change', () => this.changed());
      this.fly.enabled = !PointMap.typing();
    }
    this.dirty = true;
  }

  private static typing(): boolean {
    // text boxes only: a checkbox or a slider keeps the focus after a click, and must not stop the flight
    return document.activeElement?.closest('textarea, input:not([type=checkbox]):not([type=range]):not([type=file])')
      != null;
  }

  get flying(): boolean {
    return this.fly !== null;
  }

  /** Moves the view to centre point i (keeping the zoom in 2-D, closing in a little in 3-D). */
  flyTo(i: number): void {
    if (this.fly) this.setFlying(false);
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

  /** Fixes the quality level (0 … 2), or lets the frame time choose it again (null). */
  lockQuality(level: number | null): void {
    this.clock.locked = level === null ? null : Math.max(0, Math.min(QUALITY.length - 1, level));
    if (this.clock.locked !== null && this.clock.level !== this.clock.locked) {
      this.clock.level = this.clock.locked;
      this.applyQuality();
    }
  }

  private applyQuality(): void {
    const q = this.quality;
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, q.pixelRatio));
    this.composer?.setPixelRatio(this.renderer.getPixelRatio());
    this.resize();
    this.updateGlow();
    this.sampleEdges();
    this.onQuality(q);
  }

  private tick(now: number): void {
    const dt = this.lastFrame < 0 ? 0 : Math.min(0.1, (now - this.lastFrame) / 1000);
    this.lastFrame = now;
    if (this.fly) this.fly.update(dt);
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
    const rendering = this.dirty;
    if (this.clock.frame(now, rendering)) this.applyQuality();
    if (!this.dirty && !this.overlayDirty) return;
    const full = this.dirty;
    this.dirty = false;
    this.overlayDirty = false;
    if (this.marker.visible) {
      // a ring of constant size on screen, facing the camera
      this.marker.quaternion.copy(this.camera.quaternion);
      const px = this.dimension === 3
        ? this.marker.position.distanceTo(this.camera.position) * 0.02
        : 12 / (this.ortho.zoom * this.canvas.clientHeight / 2);
      this.marker.scale.setScalar(px);
    }
    const r = this.renderer;
    if (this.composer && this.dimension === 3) {
      // the glow pass draws everything each time (fading the unselected itself), then the overlay on top
      this.material.uniforms.unselectedAlpha.value = this.presentMaterial.uniforms.dim.value;
      this.composer.render();
      this.material.uniforms.unselectedAlpha.value = 1;
      r.autoClear = false;
      r.render(this.overlay, this.camera);
      r.autoClear = true;
    } else {
      if (!this.base) this.sizeBase();
      if (full && this.base) {
        r.setRenderTarget(this.base);
        r.setClearAlpha(0); // no point drawn: alpha 0 in the rows attachment
        r.render(this.scene, this.camera);
        r.setClearAlpha(1);
        r.setRenderTarget(null);
      }
      r.render(this.present, this.presentCamera);
      r.autoClear = false;
      r.render(this.overlay, this.camera);
      r.autoClear = true;
    }
    this.frames++;
  }

  frames = 0;
}
