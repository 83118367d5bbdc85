/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.store.layouts.EmbedRequest;
import starmap.store.layouts.Embedder;
import starmap.testkit.GaussianClusters;
import starmap.testkit.TestFiles;

/**
 * A small real atlas for server and browser tests, built once per test JVM: 600 "images" of 8 × 8 grey
 * pixels in four well-separated classes (IDX files with labels, as MNIST ships), with t-SNE 2-D and 3-D
 * layouts (which store the kNN graph) and a PCA layout.
 */
final class TestAtlas {
    static final int N = 600;
    static final int SIDE = 8;
    static final List<String> CLASSES = List.of("ant", "bee", "cat", "dog");
    private static Path path;
    private static int[] labels;

    private TestAtlas() {
    }

    static synchronized Path path() {
        if (path == null) {
            try {
                path = build(Files.createTempDirectory("starmap-server-test"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return path;
    }

    /** Class index of each row. */
    static int[] labels() {
        path();
        return labels;
    }

    private static Path build(Path dir) throws IOException {
        GaussianClusters c = GaussianClusters.generate(N, SIDE * SIDE, CLASSES.size(), 8, 7);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : c.vectors()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        byte[] pixels = new byte[N * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round((c.vectors()[i] - lo) / (hi - lo) * 255);
        }
        byte[] classes = new byte[N];
        labels = c.labels().clone();
        for (int i = 0; i < N; i++) {
            classes[i] = (byte) labels[i];
        }
        Path images = TestFiles.idxUbyte(dir.resolve("train-images-idx3-ubyte"), pixels, false, N, SIDE, SIDE);
        TestFiles.idxUbyte(dir.resolve("train-labels-idx1-ubyte"), classes, false, N);
        Path atlas = dir.resolve("shapes.duckdb");
        Importer.run(ImportOptions.builder(atlas, List.of(images)).labelNames(CLASSES).build(), Progress.NONE);
        try (Atlas a = Atlas.open(atlas); Parallel par = Parallel.of(2)) {
            TsneParams p = TsneParams.DEFAULTS.withIterations(400);
            LayoutContext ctx = LayoutContext.quiet(par);
            Embedder.run(a, new EmbedRequest(EmbedRequest.Method.TSNE, Optional.empty(), p, false, false), ctx);
            Embedder.run(a, new EmbedRequest(EmbedRequest.Method.TSNE, Optional.empty(), p.withDimensions(3), false,
                    false), ctx);
            Embedder.run(a, new EmbedRequest(EmbedRequest.Method.PCA, Optional.empty(), p, false, false), ctx);
        }
        return atlas;
    }
}
