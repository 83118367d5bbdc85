/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import starmap.core.StarmapException;
import starmap.core.device.Accelerator;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearch;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.layout.tsne.TsneOptimization;
import starmap.core.layout.tsne.TsneParams;
import starmap.gpu.cuda.CudaDriver;

/**
 * The CUDA accelerator (registered as a {@link java.util.ServiceLoader} service): on first use it loads
 * the driver ({@code libcuda.so.1}, or {@code -Dstarmap.cuda.library}), opens device 0 ({@code
 * -Dstarmap.cuda.device=N} for another) and loads the kernels; any failure on the way becomes the
 * {@link #problem} and everything runs on the CPU.
 */
public final class CudaAccelerator implements Accelerator {
    public static final String DEVICE_PROPERTY = "starmap.cuda.device";

    private final String library;
    private volatile boolean probed;
    private Gpu gpu;
    private String problem;

    /** The accelerator on the driver {@code -Dstarmap.cuda.library} or the system's names. */
    public CudaAccelerator() {
        this(System.getProperty(CudaDriver.LIBRARY_PROPERTY, CudaDriver.DEFAULT_LIBRARY));
    }

    /** The accelerator on the driver library {@code library} (a name or a path). */
    public CudaAccelerator(String library) {
        this.library = library;
    }

    private synchronized void probe() {
        if (probed) {
            return;
        }
        try {
            CudaDriver.Loaded loaded = CudaDriver.load(library);
            if (loaded.driver().isEmpty()) {
                problem = loaded.problem();
            } else {
                gpu = Gpu.open(loaded.driver().get(), Integer.getInteger(DEVICE_PROPERTY, 0));
            }
        } catch (RuntimeException e) {
            // whatever goes wrong (native access denied, driver errors, a rejected module) leaves the CPU
            // path, with the reason
            problem = e instanceof StarmapException ? e.getMessage() : e.toString();
        }
        probed = true;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String problem() {
        probe();
        return problem;
    }

    @Override
    public String description() {
        probe();
        return gpu != null ? gpu.description() : "no CUDA device (" + problem + ")";
    }

    /** The opened device; throws when {@link #problem} is not null. */
    public Gpu gpu() {
        probe();
        if (gpu == null) {
            throw new StarmapException("no usable GPU: " + problem);
        }
        return gpu;
    }

    @Override
    public NeighborSearch exactSearch(Metric metric, int k) {
        return GpuKnn.supports(metric) && k <= GpuKnn.MAX_K ? new GpuKnn(gpu(), 0) : null;
    }

    @Override
    public TsneOptimization tsne(SparseAffinities p, double[] initial, TsneParams params, LayoutContext ctx) {
        int dim = params.dimensions();
        if (dim != 2 && dim != 3) {
            return null;
        }
        return new GpuTsne(gpu(), p, initial, params, ctx, GpuTsne.Fft.defaults(dim), false);
    }
}
