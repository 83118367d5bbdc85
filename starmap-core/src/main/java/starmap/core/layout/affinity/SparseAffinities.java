/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout.affinity;

import starmap.core.InvalidInputException;
import starmap.core.sparse.CsrMatrix;

/**
 * Joint probabilities p_ij over pairs of points: a symmetric n × n CSR matrix with an empty diagonal
 * whose values sum to 1 (within float rounding). Immutable.
 */
public final class SparseAffinities {
    private final CsrMatrix p;

    private SparseAffinities(CsrMatrix p) {
        this.p = p;
    }

    /**
     * Wraps a matrix after checking it is square, symmetric, zero on the diagonal, non-negative and sums
     * to 1 within 1e-3.
     */
    public static SparseAffinities of(CsrMatrix p) {
        if (p.rows() != p.cols()) {
            throw InvalidInputException.in("affinities").problem("matrix is " + p.rows() + " × " + p.cols());
        }
        for (int i = 0; i < p.rows(); i++) {
            for (int q = p.rowStart(i); q < p.rowEnd(i); q++) {
                if (p.indexAt(q) == i || !(p.valueAt(q) >= 0)) {
                    throw InvalidInputException.in("affinities").row(i + 1L).problem(p.indexAt(q) == i
                            ? "has a diagonal entry" : "has value " + p.valueAt(q));
                }
            }
        }
        double sum = p.sum();
        if (p.rows() > 1 && Math.abs(sum - 1) > 1e-3) {
            throw InvalidInputException.in("affinities").problem("sum to " + sum + ", expected 1");
        }
        if (!p.isSymmetric()) {
            throw InvalidInputException.in("affinities").problem("are not symmetric");
        }
        return new SparseAffinities(p);
    }

    /** Takes a matrix the caller built symmetric by construction, checking only shape and sum. */
    static SparseAffinities trusted(CsrMatrix p) {
        return new SparseAffinities(p);
    }

    public CsrMatrix matrix() {
        return p;
    }

    public int size() {
        return p.rows();
    }

    /** Σ p_ij log p_ij over the non-zeros (the constant part of KL(P ‖ Q)). */
    public double entropyTerm() {
        double s = 0;
        for (int q = 0; q < p.nonZeros(); q++) {
            double v = p.valueAt(q);
            if (v > 0) {
                s += v * Math.log(v);
            }
        }
        return s;
    }
}
