/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import starmap.core.layout.tsne.repulsion.BarnesHutRepulsion;
import starmap.core.layout.tsne.repulsion.DualTreeRepulsion;
import starmap.core.layout.tsne.repulsion.ExactRepulsion;
import starmap.core.layout.tsne.repulsion.FftRepulsion;
import starmap.core.layout.tsne.repulsion.RepulsionEstimator;
import starmap.core.parallel.Parallel;

/**
 * Accuracy and time of the repulsion estimators against the exact sums, on seeded clustered positions
 * shaped like a late t-SNE embedding (10 clusters, spread 3, centres 6 apart per axis).
 *
 * <pre>
 * java -jar starmap-bench.jar repulsion [--n 20000] [--threads 2] [--repeats 5]
 * </pre>
 *
 * Error is ‖F − F_exact‖ / ‖F_exact‖ over all points (F = repulsive force / Z); time is the median of
 * prepare + accumulate over the repeats, after a warm-up.
 */
public final class RepulsionBench {
    private RepulsionBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        int n = Integer.parseInt(o.getOrDefault("--n", "20000"));
        int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
        int repeats = Integer.parseInt(o.getOrDefault("--repeats", "5"));
        System.out.printf(Locale.ROOT, "%nRepulsion estimators, %,d clustered points, %d threads, median of %d%n%n", n,
                threads, repeats);
        System.out.println("| dim | estimator | theta | force error | Z error | ms per call | vs exact |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|");
        try (Parallel par = Parallel.of(threads)) {
            for (int dim : new int[] {2, 3}) {
                double[] y = positions(n, dim);
                double[] exact = new double[y.length];
                double zExact = measure(new ExactRepulsion(dim), y, exact, par, 1)[0];
                double tExact = measure(new ExactRepulsion(dim), y, new double[y.length], par, 1)[1];
                List<Object[]> cases = new ArrayList<>();
                for (double theta : new double[] {0.3, 0.5, 0.7}) {
                    cases.add(new Object[] {new BarnesHutRepulsion(dim, theta), theta});
                    cases.add(new Object[] {new DualTreeRepulsion(dim, theta), theta});
                }
                if (dim == 2) {
                    cases.add(new Object[] {new FftRepulsion(FftRepulsion.Params.DEFAULTS), Double.NaN});
                }
                for (Object[] c : cases) {
                    RepulsionEstimator est = (RepulsionEstimator) c[0];
                    double[] f = new double[y.length];
                    double[] zt = measure(est, y, f, par, repeats);
                    double num = 0;
                    double den = 0;
                    for (int i = 0; i < y.length; i++) {
                        double a = f[i] / zt[0];
                        double b = exact[i] / zExact;
                        num += (a - b) * (a - b);
                        den += b * b;
                    }
                    System.out.printf(Locale.ROOT, "| %d | %s | %s | %.4f | %+.4f | %.1f | %.3f |%n", dim, est.name(),
                            Double.isNaN((double) c[1]) ? "-" : c[1].toString(), Math.sqrt(num / den),
                            (zt[0] - zExact) / zExact, zt[1], zt[1] / tExact);
                }
            }
        }
    }

    /** Runs the estimator {@code repeats} times after one warm-up; returns {Z, median ms}. */
    private static double[] measure(RepulsionEstimator est, double[] y, double[] rep, Parallel par, int repeats) {
        est.prepare(y, par);
        double z = est.accumulate(y, rep, par);
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            est.prepare(y, par);
            z = est.accumulate(y, rep, par);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return new double[] {z, ms[repeats / 2]};
    }

    static double[] positions(int n, int dim) {
        SplittableRandom r = new SplittableRandom(12);
        double[] y = new double[n * dim];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(10);
            for (int k = 0; k < dim; k++) {
                y[i * dim + k] = ((c * 7 + k * 3) % 10) * 6 + r.nextGaussian() * 3;
            }
        }
        return y;
    }
}
