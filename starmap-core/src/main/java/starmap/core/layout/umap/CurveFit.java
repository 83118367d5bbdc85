/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.umap;

/**
 * UMAP's low-dimensional similarity 1 / (1 + a·d^(2b)), with a and b fitted by least squares to
 * 1 where d < min_dist and exp(−(d − min_dist) / spread) beyond, on 300 points of [0, 3·spread]
 * (umap-learn's {@code find_ab_params}). Levenberg-Marquardt from a = b = 1.
 */
public final class CurveFit {
    private static final int POINTS = 300;

    private CurveFit() {
    }

    /** {a, b}. */
    public static double[] ab(double spread, double minDist) {
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = 3 * spread * i / (POINTS - 1);
            y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
        }
        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double err = error(x, y, a, b);
        for (int it = 0; it < 500; it++) {
            // normal equations of the Jacobian
            double jaa = 0;
            double jab = 0;
            double jbb = 0;
            double ga = 0;
            double gb = 0;
            for (int i = 0; i < POINTS; i++) {
                if (x[i] <= 0) {
                    continue; // f(0) = 1 whatever a and b
                }
                double p = Math.pow(x[i], 2 * b);
                double den = 1 + a * p;
                double f = 1 / den;
                double r = f - y[i];
                double da = -p / (den * den);
                double db = -a * p * 2 * Math.log(x[i]) / (den * den);
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            double det = (jaa * (1 + lambda)) * (jbb * (1 + lambda)) - jab * jab;
            if (det == 0) {
                break;
            }
            double stepA = -((jbb * (1 + lambda)) * ga - jab * gb) / det;
            double stepB = -((jaa * (1 + lambda)) * gb - jab * ga) / det;
            double na = a + stepA;
            double nb = b + stepB;
            double ne = na > 0 && nb > 0 ? error(x, y, na, nb) : Double.POSITIVE_INFINITY;
            if (ne < err) {
                boolean done = err - ne < 1e-15;
                a = na;
                b = nb;
                err = ne;
                lambda /= 10;
                if (done) {
                    break;
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    break;
                }
            }
        }
        return new double[] {a, b};
    }

    private static double error(double[] x, double[] y, double a, double b) {
        double e = 0;
        for (int i = 0; i < x.length; i++) {
            double f = 1 / (1 + a * Math.pow(x[i], 2 * b));
            e += (f - y[i]) * (f - y[i]);
        }
        return e;
    }
}
