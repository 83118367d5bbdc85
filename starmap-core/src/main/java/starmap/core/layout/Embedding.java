/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import java.util.Arrays;
import starmap.core.InvalidInputException;
import starmap.core.InvalidParameterException;

/**
 * Coordinates of n points in {@code dimension} dimensions, row-major: point i is at
 * {@code [i · dim, (i + 1) · dim)}. Final maps have 2 or 3 dimensions; intermediate embeddings
 * (MDE, node2vec) up to {@value #MAX_DIMENSION}. All coordinates are finite.
 */
public final class Embedding {
    /** The largest dimension an embedding may have. */
    public static final int MAX_DIMENSION = 64;

    private final int n;
    private final int dim;
    private final float[] coords;

    private Embedding(int n, int dim, float[] coords) {
        this.n = n;
        this.dim = dim;
        this.coords = coords;
    }

    /** Copies {@code rowMajor} (length n · dim) after checking that every value is finite. */
    public static Embedding of(int dim, float[] rowMajor) {
        InvalidParameterException.require(dim >= 1 && dim <= MAX_DIMENSION, "dimension",
                "in [1, " + MAX_DIMENSION + "]", dim);
        InvalidParameterException.require(rowMajor.length % dim == 0, "coordinates.length",
                "a multiple of dimension " + dim, rowMajor.length);
        for (int p = 0; p < rowMajor.length; p++) {
            if (!Float.isFinite(rowMajor[p])) {
                throw InvalidInputException.in("embedding").row(p / dim + 1L)
                        .problem("coordinate " + p % dim + " is " + rowMajor[p]);
            }
        }
        return new Embedding(rowMajor.length / dim, dim, rowMajor.clone());
    }

    public int size() {
        return n;
    }

    public int dimension() {
        return dim;
    }

    /** Coordinate {@code axis} of point {@code row}. */
    public float get(int row, int axis) {
        if (row < 0 || row >= n || axis < 0 || axis >= dim) {
            throw new IndexOutOfBoundsException("(" + row + ", " + axis + ") outside " + n + " × " + dim);
        }
        return coords[row * dim + axis];
    }

    /** A copy of all coordinates, row-major. */
    public float[] toArray() {
        return coords.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.dim == dim && Arrays.equals(e.coords, coords);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coords) * 31 + dim;
    }

    @Override
    public String toString() {
        return "Embedding[" + n + " × " + dim + "]";
    }
}
