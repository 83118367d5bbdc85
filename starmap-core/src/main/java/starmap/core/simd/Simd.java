/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.simd;

/** Chooses the kernels once: the Vector API when present and not disabled, else scalar loops. */
final class Simd {
    private static final System.Logger LOG = System.getLogger(Simd.class.getName());
    static final Kernels KERNELS = choose();

    private Simd() {
    }

    private static Kernels choose() {
        if ("scalar".equals(System.getProperty("starmap.simd"))) {
            LOG.log(System.Logger.Level.DEBUG, "SIMD kernels disabled by -Dstarmap.simd=scalar");
            return new ScalarKernels();
        }
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "the Vector API is not enabled (run java with "
                        + "--add-modules=jdk.incubator.vector); using scalar kernels");
                return new ScalarKernels();
            }
            return (Kernels) Class.forName("starmap.core.simd.PanamaKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "Vector API unavailable ({0}); using scalar kernels", e.toString());
            return new ScalarKernels();
        }
    }
}
