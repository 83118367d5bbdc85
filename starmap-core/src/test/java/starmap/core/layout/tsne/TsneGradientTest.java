/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.tsne;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import starmap.core.graph.KnnGraph;
import starmap.core.knn.ExactSearch;
import starmap.core.knn.Metric;
import starmap.core.layout.Clusters;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.affinity.PerplexityAffinities;
import starmap.core.layout.affinity.SparseAffinities;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.sparse.CsrMatrix;
import starmap.core.vectors.DenseVectors;

/** The analytic gradient equals a finite-difference gradient of KL(P ‖ Q). */
class TsneGradientTest {
    private static double kl(SparseAffinities p, double[] y, int dim) {
        int n = p.size();
        double z = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    z += 1 / (1 + d2(y, dim, i, j));
                }
            }
        }
        CsrMatrix m = p.matrix();
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int q = m.rowStart(i); q < m.rowEnd(i); q++) {
                double pij = m.valueAt(q);
                double qij = 1 / (1 + d2(y, dim, i, m.indexAt(q))) / z;
                kl += pij * Math.log(pij / qij);
            }
        }
        return kl;
    }

    private static double d2(double[] y, int dim, int i, int j) {
        double s = 0;
        for (int a = 0; a < dim; a++) {
            double t = y[i * dim + a] - y[j * dim + a];
            s += t * t;
        }
        return s;
    }

    @Test
    void analytic_gradient_matches_finite_differences() {
        for (int dim : new int[] {1, 2, 3}) {
            int n = 40;
            Clusters c = Clusters.of(n, 5, 3, 4, dim);
            try (Parallel par = Parallel.sequential()) {
                KnnGraph knn = new ExactSearch().search(DenseVectors.wrap(c.vectors(), n, 5), 12, Metric.EUCLIDEAN, par,
                        Progress.NONE);
                SparseAffinities p = new PerplexityAffinities(4).fit(knn, par);
                double[] y = Clusters.positions(n, dim, 2, 5);
                TsneParams params = TsneParams.DEFAULTS.withDimensions(dim).withApproximation(Approximation.EXACT)
                        .withPerplexity(4);
                TsneRun run = Tsne.start(p, y, params, LayoutContext.quiet(par));
                double[][] parts = run.gradientParts(1);
                double h = 1e-6;
                for (int coord = 0; coord < n * dim; coord += 7) {
                    double[] plus = y.clone();
                    double[] minus = y.clone();
                    plus[coord] += h;
                    minus[coord] -= h;
                    double numeric = (kl(p, plus, dim) - kl(p, minus, dim)) / (2 * h);
                    double analytic = 4 * (parts[0][coord] - parts[1][coord]);
                    assertThat(analytic).as("%d-D, coordinate %d", dim, coord)
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
                }
            }
        }
    }
}
