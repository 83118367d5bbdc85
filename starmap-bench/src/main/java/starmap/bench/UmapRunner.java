/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.umap.Umap;
import starmap.core.layout.umap.UmapParams;
import starmap.core.parallel.Parallel;
import starmap.core.pca.Pca;
import starmap.core.pca.PcaModel;
import starmap.core.vectors.DenseVectors;

/**
 * Runs Starmap's UMAP on a float32 .npy as {@code starmap embed --method umap} does it (PCA to 50
 * components above 100 dimensions, kNN, fuzzy set, initialisation, SGD), like the peers' runner
 * scripts: one process, the raw vectors in, the embedding out as .npy, one JSON line on stdout.
 *
 * <pre>
 * UmapRunner INPUT.npy OUTPUT.npy DIM [--epochs 0] [--seed 1] [--threads N] [--n N]
 * </pre>
 */
public final class UmapRunner {
    private UmapRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int dim = Integer.parseInt(args[2]);
        Map<String, String> o = TsneRunner.options(args);
        UmapParams p = UmapParams.DEFAULTS.withDimensions(dim)
                .withEpochs(Integer.parseInt(o.getOrDefault("--epochs", "0")))
                .withSeed(Long.parseLong(o.getOrDefault("--seed", "1")))
                .withKnn(starmap.core.knn.NeighborSearches.Method.parse(o.getOrDefault("--knn", "auto")));
        int threads = Integer.parseInt(o.getOrDefault("--threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        TsneRunner.sampleHeap();
        long t0 = System.nanoTime();
        try (DenseVectors data = TsneRunner.input(in, o);
             Parallel par = Parallel.of(threads)) {
            int n = data.size();
            int d = data.dimension();
            double load = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            DenseVectors space = data;
            double pcaSeconds = 0;
            if (d > TsneParams.PCA_ABOVE && !o.getOrDefault("--pca", "50").equals("0")) {
                PcaModel m = Pca.fit(data, p.pcaDimensions(), Pca.Solver.AUTO, p.seed(), par);
                space = m.transform(data, par);
                pcaSeconds = (System.nanoTime() - t1) / 1e9;
            }
            Umap.Result r;
            try (DenseVectors s = space == data ? null : space) {
                r = Umap.run(space, null, p, LayoutContext.quiet(par));
            }
            double wall = (System.nanoTime() - t1) / 1e9;
            TsneRunner.write(out, r.embedding().toArray(), n, dim);
            StringBuilder phases = new StringBuilder(String.format(Locale.ROOT, "\"pca\": %.3f, ", pcaSeconds));
            r.timings().forEach((k, v) -> phases.append(String.format(Locale.ROOT, "\"%s\": %.3f, ", k, v.toNanos() / 1e9)));
            System.out.printf(Locale.ROOT, "{\"tool\": \"starmap\", \"version\": \"%s\", \"dim\": %d, \"n\": %d, "
                    + "\"epochs\": %s, \"seed\": %d, \"threads\": %d, \"wall_s\": %.3f, "
                    + "\"phases\": {%s\"load_input_excluded\": %.3f}, \"initialization\": \"%s\", \"knn\": \"%s\", "
                    + "\"peak_heap_mb\": %.0f}%n",
                    starmap.store.Version.current(), dim, n, r.details().get("epochs"), p.seed(), threads, wall, phases,
                    load, r.details().get("initialization"), r.details().get("knn"), TsneRunner.peakHeapMb());
        }
    }
}
