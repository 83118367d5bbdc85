/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import starmap.core.layout.Embedding;
import starmap.core.layout.Layout;
import starmap.core.layout.LayoutManifest;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.Importer;
import starmap.testkit.TestFiles;

/**
 * Points for the viewer benchmark, generated directly as map coordinates (no layout run): n points drawn
 * from {@value #CLASSES} seeded Gaussian clusters of unequal sizes and spreads, once in 2-D and once in
 * 3-D (the same cluster per point), with the cluster as a categorical label {@code c00} … {@code c49}.
 *
 * @param n     points
 * @param cls   cluster (class) of each point, 0 … {@value #CLASSES} − 1
 * @param xy    2-D coordinates, row-major
 * @param xyz   3-D coordinates, row-major
 */
record ClusterPoints(int n, byte[] cls, float[] xy, float[] xyz) {
    static final int CLASSES = 50;
    static final String LAYOUT_2D = "xy-2d";
    static final String LAYOUT_3D = "xyz-3d";
    private static final long SEED = 7;

    /** The same points for the same n on every run (seeded). */
    static ClusterPoints generate(int n) {
        SplittableRandom r = new SplittableRandom(SEED);
        double[] weight = new double[CLASSES];
        double[] spread = new double[CLASSES];
        float[][] centre2 = new float[CLASSES][2];
        float[][] centre3 = new float[CLASSES][3];
        double total = 0;
        for (int c = 0; c < CLASSES; c++) {
            weight[c] = total += 0.3 + r.nextDouble();
            spread[c] = 1.5 + 5 * r.nextDouble();
            for (int a = 0; a < 2; a++) {
                centre2[c][a] = (float) (r.nextDouble() * 200 - 100);
            }
            for (int a = 0; a < 3; a++) {
                centre3[c][a] = (float) (r.nextDouble() * 200 - 100);
            }
        }
        byte[] cls = new byte[n];
        float[] xy = new float[2 * n];
        float[] xyz = new float[3 * n];
        for (int i = 0; i < n; i++) {
            int c = pick(weight, r.nextDouble() * total);
            cls[i] = (byte) c;
            for (int a = 0; a < 2; a++) {
                xy[2 * i + a] = centre2[c][a] + (float) (r.nextGaussian() * spread[c]);
            }
            for (int a = 0; a < 3; a++) {
                xyz[3 * i + a] = centre3[c][a] + (float) (r.nextGaussian() * spread[c]);
            }
        }
        return new ClusterPoints(n, cls, xy, xyz);
    }

    /** The first cluster whose cumulative weight reaches {@code u}. */
    static int pick(double[] cumulative, double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static String label(int cls) {
        return String.format(Locale.ROOT, "c%02d", cls);
    }

    /** Coordinates of the {@code dim}-D layout. */
    float[] coordinates(int dim) {
        return dim == 2 ? xy : xyz;
    }

    /**
     * The atlas of these points, {@code DIR/clusters-N.duckdb}: written once (imported from a generated
     * npy of the 3-D coordinates with a text file of labels, then layouts {@value #LAYOUT_2D} and
     * {@value #LAYOUT_3D} saved through the store API) and reused by later runs.
     */
    Path atlas(Path dir) throws IOException {
        Path target = dir.resolve("clusters-" + n + ".duckdb");
        if (Files.exists(target)) {
            return target;
        }
        Path scratch = Files.createTempDirectory(dir, ".clusters-" + n + "-");
        try {
            Path npy = TestFiles.npyFloat32(scratch.resolve("points.npy"), xyz, n, 3);
            Path labels = writeLabels(scratch.resolve("labels.txt"));
            Path building = scratch.resolve("clusters.duckdb");
            Importer.run(ImportOptions.builder(building, List.of(npy)).labels(List.of(labels)).build(), Progress.NONE);
            try (Atlas a = Atlas.open(building)) {
                a.layouts().save(new Layout(LayoutManifest.of(LAYOUT_2D, "generated", 2), Embedding.of(2, xy)), true);
                a.layouts().save(new Layout(LayoutManifest.of(LAYOUT_3D, "generated", 3), Embedding.of(3, xyz)), true);
            }
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            deleteTree(scratch);
        }
    }

    private Path writeLabels(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (byte c : cls) {
                w.write(label(c));
                w.write('\n');
            }
        }
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
