/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.Metric;
import starmap.core.layout.Clusters;
import starmap.core.layout.Embedding;
import starmap.core.layout.LayoutContext;
import starmap.core.parallel.Parallel;
import starmap.core.quality.LayoutQuality;
import starmap.core.quality.QualityReport;
import starmap.core.sparse.CsrMatrix;
import starmap.core.vectors.DenseVectors;

class UmapTest {
    private static final double C = Math.log(3) / Math.log(2) - 1; // log2(3) − 1

    @Test
    void a_and_b_match_umap_learns_fit() {
        double[] ab = CurveFit.ab(1.0, 0.1);
        // umap-learn 0.5: find_ab_params(1.0, 0.1) = (1.5769434604, 0.8950608781)
        assertThat(ab[0]).isCloseTo(1.5769, offset(2e-3));
        assertThat(ab[1]).isCloseTo(0.8951, offset(2e-3));
        double[] wide = CurveFit.ab(1.0, 0.5);
        assertThat(wide[0]).isLessThan(ab[0]);
    }

    @Test
    void the_fast_power_is_within_one_part_in_ten_thousand() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) Math.exp(r.nextDouble(-20, 10)); // squared distances SGD meets
            float y = (float) r.nextDouble(-0.5, 1.5); // b − 1 and b for min_dist in [0, 1]
            double exact = Math.pow(x, y);
            worst = Math.max(worst, Math.abs(UmapOptimizer.pow(x, y) - exact) / exact);
        }
        assertThat(worst).isLessThan(1e-4);
    }

    /**
     * Points at 0, 1, 3 and 7 on a line, two neighbours each. With two neighbours the bisection's target
     * is log2(3), the nearest neighbour's membership is 1 and the second's is log2(3) − 1 = c whatever
     * the distances; the union of w and wᵀ is then, by hand: (0,1) 1, (0,2) 2c − c², (1,2) 1, (1,3) c,
     * (2,3) 1.
     */
    @Test
    void the_fuzzy_set_of_a_small_example_is_as_computed_by_hand() {
        KnnGraph g = KnnGraph.of(4, 2, new int[] {1, 2, 0, 2, 1, 0, 2, 1}, new float[] {1, 3, 1, 2, 2, 3, 4, 6});
        CsrMatrix w;
        try (Parallel par = Parallel.of(1)) {
            w = FuzzySimplicialSet.of(g, 2, par);
        }
        assertThat(w.isSymmetric()).isTrue();
        assertThat(w.get(0, 1)).isCloseTo(1f, offset(1e-5f));
        assertThat((double) w.get(0, 2)).isCloseTo(2 * C - C * C, offset(1e-5));
        assertThat(w.get(1, 2)).isCloseTo(1f, offset(1e-5f));
        assertThat((double) w.get(1, 3)).isCloseTo(C, offset(1e-5));
        assertThat(w.get(2, 3)).isCloseTo(1f, offset(1e-5f));
        assertThat(w.get(0, 3)).isZero();
        assertThat(w.nonZeros()).isEqualTo(10);
    }

    private static QualityReport quality(Clusters c, Embedding e) {
        try (Parallel par = Parallel.of(2)) {
            return LayoutQuality.measure(DenseVectors.wrap(c.vectors(), c.n(), c.d()), e, Optional.of(c.labels()),
                    Optional.empty(), new LayoutQuality.Options(1000, 10, 1, Metric.EUCLIDEAN), par);
        }
    }

    @Test
    void clusters_separate_in_two_and_three_dimensions() {
        Clusters c = Clusters.of(3000, 20, 6, 4, 11);
        for (int dim : new int[] {2, 3}) {
            Umap.Result r;
            try (Parallel par = Parallel.of(2)) {
                r = Umap.run(DenseVectors.wrap(c.vectors(), c.n(), c.d()), null,
                        UmapParams.DEFAULTS.withDimensions(dim).withEpochs(200), LayoutContext.quiet(par));
            }
            assertThat(r.embedding().dimension()).isEqualTo(dim);
            for (float v : r.embedding().toArray()) {
                assertThat(Float.isFinite(v)).isTrue();
            }
            assertThat(quality(c, r.embedding()).labelAccuracy().getAsDouble()).as("label accuracy, %d-D", dim)
                    .isGreaterThanOrEqualTo(0.95);
        }
    }

    /** Points along a curve: the Laplacian's first non-trivial eigenvector orders them along it. */
    @Test
    void the_spectral_initialisation_unrolls_a_curve() {
        int n = 600;
        float[] v = new float[n * 3];
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            double t = 6 * Math.PI * i / n;
            v[3 * i] = (float) (Math.cos(t) * 5 + r.nextGaussian() * 0.05);
            v[3 * i + 1] = (float) (Math.sin(t) * 5 + r.nextGaussian() * 0.05);
            v[3 * i + 2] = (float) (t + r.nextGaussian() * 0.05);
        }
        CsrMatrix w;
        double[] y;
        try (Parallel par = Parallel.of(2)) {
            KnnGraph g = starmap.core.knn.NeighborSearches.of(starmap.core.knn.NeighborSearches.Method.EXACT, n, 3)
                    .search(DenseVectors.wrap(v, n, 3), 10, Metric.EUCLIDEAN, par, starmap.core.progress.Progress.NONE);
            w = FuzzySimplicialSet.of(g, 10, par);
            y = SpectralInit.layout(w, 2, 1, par).orElseThrow();
        }
        assertThat(SpectralInit.components(w)).isEqualTo(1);
        // Spearman correlation of the first coordinate with the position along the curve
        double[] first = new double[n];
        for (int i = 0; i < n; i++) {
            first[i] = y[2 * i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(first[a], first[b]));
        double d2 = 0;
        for (int rank = 0; rank < n; rank++) {
            d2 += Math.pow(rank - order[rank], 2);
        }
        double rho = 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
        assertThat(Math.abs(rho)).isGreaterThan(0.95);
    }

    @Test
    void disconnected_components_lay_out_without_nan_and_none_collapses() {
        // clusters so far apart that no neighbour list crosses between them
        Clusters c = Clusters.of(1200, 10, 4, 200, 3);
        Umap.Result r;
        try (Parallel par = Parallel.of(2)) {
            r = Umap.run(DenseVectors.wrap(c.vectors(), c.n(), c.d()), null, UmapParams.DEFAULTS.withEpochs(200),
                    LayoutContext.quiet(par));
        }
        assertThat((int) r.details().get("components")).isEqualTo(4);
        assertThat((String) r.details().get("initialization")).startsWith("pca");
        float[] y = r.embedding().toArray();
        for (int cls = 0; cls < 4; cls++) {
            double[] mean = new double[2];
            double var = 0;
            int m = 0;
            for (int i = 0; i < c.n(); i++) {
                if (c.labels()[i] == cls) {
                    assertThat(Float.isFinite(y[2 * i]) && Float.isFinite(y[2 * i + 1])).isTrue();
                    mean[0] += y[2 * i];
                    mean[1] += y[2 * i + 1];
                    m++;
                }
            }
            mean[0] /= m;
            mean[1] /= m;
            for (int i = 0; i < c.n(); i++) {
                if (c.labels()[i] == cls) {
                    var += Math.pow(y[2 * i] - mean[0], 2) + Math.pow(y[2 * i + 1] - mean[1], 2);
                }
            }
            assertThat(Math.sqrt(var / m)).as("spread of component %d", cls).isGreaterThan(0.1);
        }
        assertThat(quality(c, r.embedding()).labelAccuracy().getAsDouble()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void the_same_seed_on_one_thread_gives_the_same_layout() {
        Clusters c = Clusters.of(800, 8, 3, 3, 5);
        Embedding[] runs = new Embedding[2];
        for (int t = 0; t < 2; t++) {
            try (Parallel par = Parallel.of(1)) {
                runs[t] = Umap.run(DenseVectors.wrap(c.vectors(), c.n(), c.d()), null,
                        UmapParams.DEFAULTS.withEpochs(100).withSeed(42), LayoutContext.quiet(par)).embedding();
            }
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
        Embedding other;
        try (Parallel par = Parallel.of(1)) {
            other = Umap.run(DenseVectors.wrap(c.vectors(), c.n(), c.d()), null,
                    UmapParams.DEFAULTS.withEpochs(100).withSeed(43), LayoutContext.quiet(par)).embedding();
        }
        assertThat(other).isNotEqualTo(runs[0]);
    }

    @Test
    void a_stored_graph_is_used_and_bad_parameters_are_refused() {
        Clusters c = Clusters.of(500, 5, 2, 3, 9);
        Umap.Result first;
        try (Parallel par = Parallel.of(2)) {
            first = Umap.run(DenseVectors.wrap(c.vectors(), c.n(), c.d()), null,
                    UmapParams.DEFAULTS.withNeighbors(30).withEpochs(50), LayoutContext.quiet(par));
            Umap.Result again = Umap.run(null, first.knn(), UmapParams.DEFAULTS.withEpochs(50), LayoutContext.quiet(par));
            assertThat(again.details()).containsEntry("knn", "stored");
            assertThat(again.knn().k()).isEqualTo(14);
            assertThatThrownBy(() -> Umap.run(null, again.knn(), UmapParams.DEFAULTS.withNeighbors(40),
                    LayoutContext.quiet(par))).hasMessageContaining("needs 39");
        }
        assertThatThrownBy(() -> UmapParams.DEFAULTS.withMinDist(2)).hasMessageContaining("min-dist");
        assertThatThrownBy(() -> UmapParams.DEFAULTS.withNeighbors(1)).hasMessageContaining("n-neighbors");
    }
}
