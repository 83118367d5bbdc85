/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import starmap.core.InvalidParameterException;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.TsneOptimization;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.sparse.CsrMatrix;

/**
 * t-SNE optimised on the GPU, in 2D and 3D, with the CPU path's recipe (gradient descent with momentum,
 * per-coordinate gains, early exaggeration as a factor on the attractive term, each point's step clipped,
 * the embedding re-centred after every step) and everything on the device between iterations: positions,
 * steps, gains, P (CSR) and the interpolation grids. Repulsion is FFT-accelerated interpolation
 * (Linderman et al. 2019, as the CPU's {@code fft} estimator, extended to 3D): dim + 2 charges per point
 * are spread onto a grid of p equispaced nodes per box and axis, convolved with the squared Cauchy kernel
 * by zero-padded FFTs (radix-2, so the grid side is a power of two), and interpolated back, which gives
 * each point's repulsion and the normaliser Z in O(n + N^dim log N). One host round trip per iteration
 * reads the embedding's bounds (8 bytes) to size the grid; KL is read every {@value TsneParams#KL_EVERY} iterations.
 *
 * <p>Floating point: positions, steps and forces in float; the interpolation grids, their FFTs and the
 * sums (Z, KL terms, centring) in double. Atomic
 * additions make runs on a GPU differ in the last bits from run to run.
 */
public final class GpuTsne implements TsneOptimization {
    private static final int SCALARS = 8;

    /**
     * The interpolation grid: {@code p} nodes per box and axis, at least {@code minIntervals} boxes per
     * axis and {@code intervalsPerUnit} per unit of the embedding's extent, the grid side (2 p boxes,
     * rounded up to a power of two) at most {@code maxGrid}.
     */
    public record Fft(int interpolationPoints, int minIntervals, double intervalsPerUnit, int maxGrid) {
        /** FIt-SNE's defaults. */
        public static final Fft DEFAULTS_2D = new Fft(3, 50, 1, 8192);
        /**
         * The same rule with the side capped at 256 (256³ complex doubles per charge pair, 268 MB): boxes
         * stay a unit wide up to an extent of about 42 units and widen beyond.
         */
        public static final Fft DEFAULTS_3D = new Fft(3, 10, 1, 256);

        public Fft {
            InvalidParameterException.require(interpolationPoints >= 1 && interpolationPoints <= 4,
                    "interpolation points", "in [1, 4]", interpolationPoints);
            InvalidParameterException.require(minIntervals >= 1, "min intervals", ">= 1", minIntervals);
            InvalidParameterException.require(intervalsPerUnit > 0, "intervals per unit", "> 0", intervalsPerUnit);
            InvalidParameterException.require(maxGrid >= 2 * interpolationPoints && Integer.bitCount(maxGrid) == 1,
                    "max grid", "a power of two >= 2 × interpolation points", maxGrid);
        }

        public static Fft defaults(int dim) {
            return dim == 2 ? DEFAULTS_2D : DEFAULTS_3D;
        }
    }

    /** The phases an iteration is timed in when profiling. */
    public static final List<String> PHASES = List.of("bounds", "kernel", "spread", "fft", "gather", "attract", "update");

    private final Gpu gpu;
    private final TsneParams params;
    private final LayoutContext ctx;
    private final Fft fft;
    private final int n;
    private final int dim;
    private final double learningRate;
    private final double entropyTerm;
    private final int charges;
    private final List<DeviceBuffer> owned = new ArrayList<>();
    private final DeviceBuffer y;
    private final DeviceBuffer update;
    private final DeviceBuffer gains;
    private final DeviceBuffer attr;
    private final DeviceBuffer rep;
    private final DeviceBuffer indptr;
    private final DeviceBuffer indices;
    private final DeviceBuffer values;
    private final DeviceBuffer scalars;
    private final DeviceBuffer lohi;
    private DeviceBuffer grids;
    private DeviceBuffer scratch;
    private DeviceBuffer kernel;
    private DeviceBuffer twiddles;
    private int side;
    private int iteration;
    private double lastKl = Double.NaN;
    private final int[] bounds = new int[2];
    private final double[] sums = new double[SCALARS];
    private final List<Gpu.Timer> timers = new ArrayList<>();
    private final double[] phaseMillis = new double[PHASES.size()];
    private boolean closed;

    /**
     * Uploads P and the initial positions. With {@code profile}, each phase is timed with CUDA events
     * ({@link #phaseMillis}), which costs a synchronisation per iteration.
     */
    public GpuTsne(Gpu gpu, SparseAffinities p, double[] initial, TsneParams params, LayoutContext ctx, Fft fft,
            boolean profile) {
        this.gpu = gpu;
        this.params = params;
        this.ctx = ctx;
        this.fft = fft;
        this.n = p.size();
        this.dim = params.dimensions();
        InvalidParameterException.require(dim == 2 || dim == 3, "dimensions", "2 or 3 on the GPU", dim);
        InvalidParameterException.require(initial.length == (long) n * dim, "initial positions", "n × dim = "
                + (long) n * dim + " values", initial.length);
        this.learningRate = params.learningRate().value(n, params.earlyExaggeration());
        this.entropyTerm = p.entropyTerm();
        this.charges = dim + 2;
        gpu.bind();
        try {
            CsrMatrix m = p.matrix();
            y = own(gpu.floats((long) n * dim));
            float[] f = new float[n * dim];
            for (int c = 0; c < f.length; c++) {
                f[c] = (float) initial[c];
            }
            y.write(f);
            update = own(gpu.floats((long) n * dim));
            update.zero();
            Arrays.fill(f, 1);
            gains = own(gpu.floats((long) n * dim));
            gains.write(f);
            attr = own(gpu.floats((long) n * dim));
            rep = own(gpu.floats((long) n * dim));
            indptr = own(gpu.allocate((n + 1L) * Integer.BYTES));
            indptr.write(m.indptr());
            indices = own(gpu.allocate((long) m.nonZeros() * Integer.BYTES));
            indices.write(m.indices());
            values = own(gpu.floats(m.nonZeros()));
            values.write(m.values());
            scalars = own(gpu.allocate(SCALARS * Double.BYTES));
            lohi = own(gpu.allocate(2 * Integer.BYTES));
            if (profile) {
                for (int i = 0; i < PHASES.size(); i++) {
                    timers.add(gpu.timer());
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private DeviceBuffer own(DeviceBuffer b) {
        owned.add(b);
        return b;
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String approximation() {
        return "fft-gpu";
    }

    @Override
    public void finish() {
        step(params.iterations() - iteration);
    }

    @Override
    public void step(int count) {
        if (closed) {
            throw new IllegalStateException("GPU t-SNE already closed");
        }
        gpu.bind();
        int stop = Math.min(params.iterations(), iteration + count);
        while (iteration < stop) {
            ctx.progress().checkCancelled();
            boolean withKl = params.estimatesKlAt(iteration);
            iterate(params.exaggerationAt(iteration), params.momentumAt(iteration), withKl);
            iteration++;
            if (withKl) {
                scalars.read(sums);
                lastKl = entropyTerm - sums[1] + Math.log(sums[0] - n);
            }
            if (!timers.isEmpty()) {
                for (int i = 0; i < timers.size(); i++) {
                    phaseMillis[i] += timers.get(i).millis();
                }
            }
            ctx.listener().onIteration(iteration, params.iterations(), withKl ? lastKl : Double.NaN);
        }
    }

    private void start(int phase) {
        if (!timers.isEmpty()) {
            timers.get(phase).start();
        }
    }

    private void stop(int phase) {
        if (!timers.isEmpty()) {
            timers.get(phase).stop();
        }
    }

    private void iterate(double exaggeration, double momentum, boolean withKl) {
        forces(exaggeration, withKl);
        long coords = (long) n * dim;
        start(6);
        gpu.launch("tsne_update", n, n, dim, attr, rep, (float) momentum, (float) learningRate,
                (float) params.maxStepNorm(), y, update, gains, scalars);
        gpu.launch("tsne_center", coords, n, dim, scalars, y);
        stop(6);
    }

    /** Attraction into attr, repulsion (not yet divided by Z) into rep, Z + n (and the KL term) into scalars. */
    private void forces(double exaggeration, boolean withKl) {
        long coords = (long) n * dim;
        start(0);
        scalars.zero();
        lohi.zero();
        gpu.launch("tsne_bounds", coords, coords, y, lohi);
        lohi.read(bounds);
        stop(0);
        float lo = decode(~bounds[0]);
        float hi = decode(bounds[1]);
        int p = fft.interpolationPoints();
        double range = Math.max((double) hi - lo, 1e-6);
        long want = Math.max(fft.minIntervals(), (long) Math.ceil(range * fft.intervalsPerUnit()));
        int size = (int) Math.min(fft.maxGrid(), Long.highestOneBit(Math.max(1, 2 * p * want - 1)) << 1);
        int boxes = size / (2 * p);
        float boxWidth = (float) (range / boxes * (1 + 1e-5));
        long cells = (long) Math.pow(size, dim);
        int complexGrids = (charges + 1) / 2;
        resize(size, cells * complexGrids);

        start(1);
        gpu.launch("tsne_kernel_grid", cells, dim, size, boxes * p, (double) boxWidth / p, kernel);
        transform(kernel, 1, cells, -1);
        stop(1);

        start(2);
        grids.zero();
        gpu.launch("tsne_spread", n, n, dim, p, boxes, lo, boxWidth, size, y, grids);
        stop(2);

        start(3);
        transform(grids, complexGrids, cells, -1);
        gpu.launch("tsne_multiply", cells * complexGrids, cells * complexGrids, cells, 1.0 / cells, kernel, grids);
        transform(grids, complexGrids, cells, 1);
        stop(3);

        start(4);
        gpu.launch("tsne_gather", n, n, dim, p, boxes, lo, boxWidth, size, y, grids, rep, scalars);
        stop(4);

        start(5);
        gpu.launch("tsne_attract", n, n, dim, indptr, indices, values, y, (float) exaggeration, withKl ? 1 : 0, attr,
                scalars);
        stop(5);
    }

    /** For tests: the gradient's parts at the current positions, {attr, rep / Z, {Z, Σ p log w}}. */
    double[][] gradientParts(double exaggeration) {
        gpu.bind();
        forces(exaggeration, true);
        float[] a = new float[n * dim];
        float[] r = new float[n * dim];
        attr.read(a);
        rep.read(r);
        scalars.read(sums);
        double z = sums[0] - n;
        double[][] out = {new double[a.length], new double[r.length], {z, sums[1]}};
        for (int c = 0; c < a.length; c++) {
            out[0][c] = a[c];
            out[1][c] = r[c] / z;
        }
        return out;
    }

    /** The float whose {@code ordered()} encoding (kernels.cu) is {@code u}. */
    static float decode(int u) {
        return Float.intBitsToFloat((u & 0x80000000) != 0 ? u & 0x7fffffff : ~u);
    }

    /** (Re)allocates the grids for side {@code size}. */
    private void resize(int size, long complexValues) {
        if (size == side) {
            return;
        }
        freeGrids();
        side = 0;
        long cells = (long) Math.pow(size, dim);
        kernel = gpu.allocate(cells * 2 * Double.BYTES);
        double[] t = new double[size];
        for (int k = 0; k < size / 2; k++) {
            t[2 * k] = Math.cos(2 * Math.PI * k / size);
            t[2 * k + 1] = -Math.sin(2 * Math.PI * k / size);
        }
        twiddles = gpu.allocate((long) size * Double.BYTES);
        twiddles.write(java.lang.foreign.MemorySegment.ofArray(t), (long) size * Double.BYTES, 0);
        grids = gpu.allocate(complexValues * 2 * Double.BYTES);
        scratch = gpu.allocate(complexValues * 2 * Double.BYTES);
        side = size;
    }

    private void freeGrids() {
        for (DeviceBuffer b : new DeviceBuffer[] {kernel, grids, scratch, twiddles}) {
            if (b != null) {
                b.close();
            }
        }
        twiddles = null;
        kernel = null;
        grids = null;
        scratch = null;
    }

    /**
     * A dim-dimensional FFT of {@code batch} consecutive complex grids in {@code data} (sign −1 forward,
     * +1 inverse, unnormalised): log2 N Stockham stages per axis, alternating between {@code data} and the
     * scratch grids; an odd number of stages ends with a copy back.
     */
    private void transform(DeviceBuffer data, int batch, long cells, double sign) {
        long lines = cells * batch / side;
        long work = cells * batch / 2;
        DeviceBuffer src = data;
        DeviceBuffer dst = scratch;
        for (int a = 0; a < dim; a++) {
            long axisStride = (long) Math.pow(side, dim - 1 - a);
            for (int len = side; len >= 2; len /= 2) {
                gpu.launch("fft_stage", work, lines, side, len, axisStride, sign, twiddles, src, dst);
                DeviceBuffer t = src;
                src = dst;
                dst = t;
            }
        }
        if (src != data) {
            gpu.driver().copyOnDevice(data.pointer(), src.pointer(), cells * batch * 2 * Double.BYTES);
        }
    }

    /** Device milliseconds per phase so far ({@link #PHASES}), when profiling. */
    public Map<String, Double> phaseMillis() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.size(); i++) {
            out.put(PHASES.get(i), phaseMillis[i]);
        }
        return out;
    }

    /** The grid side the last iteration used. */
    public int gridSide() {
        return side;
    }

    @Override
    public double klDivergence() {
        return lastKl;
    }

    @Override
    public Embedding snapshot() {
        gpu.bind();
        float[] out = new float[n * dim];
        y.read(out);
        return Embedding.of(dim, out);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(List.of(this::freeGrids));
        all.addAll(owned);
        all.addAll(timers);
        RuntimeException first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // after a sticky device error every free fails; try them all, report the first
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
