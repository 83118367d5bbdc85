/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.affinity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Clusters;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.sparse.CsrMatrix;
import starmap.core.vectors.DenseVectors;

class PerplexityAffinitiesTest {
    @Test
    void calibration_hits_the_target_entropy() {
        SplittableRandom r = new SplittableRandom(3);
        for (double perplexity : new double[] {2, 5, 30}) {
            double[] d2 = new double[90];
            for (int j = 0; j < d2.length; j++) {
                d2[j] = r.nextDouble() * 50;
            }
            Arrays.sort(d2);
            double[] p = new double[d2.length];
            PerplexityAffinities.conditional(d2, Math.log(perplexity), p);
            double h = 0;
            double sum = 0;
            for (double v : p) {
                sum += v;
                if (v > 0) {
                    h -= v * Math.log(v);
                }
            }
            assertThat(sum).isCloseTo(1, offset(1e-12));
            assertThat(h).as("perplexity %s", perplexity).isCloseTo(Math.log(perplexity), offset(1e-4));
            for (int j = 1; j < p.length; j++) {
                assertThat(p[j]).isLessThanOrEqualTo(p[j - 1]);
            }
        }
    }

    @Test
    void p_is_symmetric_and_sums_to_one() {
        Clusters c = Clusters.of(400, 8, 4, 5, 1);
        try (Parallel par = Parallel.of(2)) {
            KnnGraph knn = new ExactSearch().search(DenseVectors.wrap(c.vectors(), 400, 8), 30, Metric.EUCLIDEAN, par,
                    Progress.NONE);
            SparseAffinities p = new PerplexityAffinities(10).fit(knn, par);
            CsrMatrix m = p.matrix();
            assertThat(m.isSymmetric()).isTrue();
            assertThat(m.sum()).isCloseTo(1, offset(1e-5));
            assertThat(SparseAffinities.of(m).size()).isEqualTo(400);
        }
    }

    @Test
    void duplicate_points_get_uniform_weights() {
        double[] d2 = new double[5];
        double[] p = new double[5];
        PerplexityAffinities.conditional(d2, Math.log(3), p);
        assertThat(p).containsOnly(0.2);
    }

    @Test
    void perplexity_must_fit_the_graph() {
        KnnGraph g = KnnGraph.of(3, 2, new int[] {1, 2, 0, 2, 1, 0}, new float[] {1, 2, 1, 1, 1, 2});
        assertThatThrownBy(() -> new PerplexityAffinities(5).fit(g, Parallel.sequential()))
                .hasMessage("perplexity must be at most the number of neighbours k = 2, got 5.0");
        assertThatThrownBy(() -> new PerplexityAffinities(-1)).hasMessage("perplexity must be > 0, got -1.0");
    }
}
