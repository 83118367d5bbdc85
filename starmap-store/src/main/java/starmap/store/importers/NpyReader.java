/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.core.vectors.DenseVectors;
import starmap.store.ColumnType;
import starmap.store.format.NpyHeader;

/**
 * Reads a NumPy {@code .npy} file through a memory mapping, so files larger than memory stream.
 * Vectors: shape (n, d), or (n, h, w[, c]) for images, flattened row by row; C or Fortran order;
 * float16/32/64 and 8-64-bit integers, converted to float32. Labels: shape (n,) or (n, 1) of integers
 * or floats.
 */
final class NpyReader implements SourceReader {
    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final NumericDtype dtype;
    private final boolean fortran;
    private final PartSchema schema;
    private final long n;
    private final int d;
    private long next;

    private NpyReader(Path path, Arena arena, MemorySegment data, NumericDtype dtype, boolean fortran,
            PartSchema schema) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.dtype = dtype;
        this.fortran = fortran;
        this.schema = schema;
        this.n = schema.rows();
        this.d = schema.hasVectors() ? schema.vectorDim() : 1;
    }

    /** Opens a file of vectors. */
    static NpyReader vectors(Path path) throws IOException {
        return open(path, false);
    }

    /** Opens a file of labels, read into one column named "label". */
    static NpyReader labels(Path path) throws IOException {
        return open(path, true);
    }

    private static NpyReader open(Path path, boolean labels) throws IOException {
        String name = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(path, ch);
            NumericDtype dtype = NumericDtype.fromNumpy(name, h.descr());
            long[] shape = h.shape();
            PartSchema schema = labels ? labelSchema(name, shape, dtype) : vectorSchema(name, shape);
            long elements = h.elements();
            long need = Math.multiplyExact(elements, dtype.bytes());
            long have = ch.size() - h.dataOffset();
            if (have < need) {
                long rowBytes = need / Math.max(shape[0], 1);
                throw InvalidInputException.in(name).problem("is truncated: its header declares shape "
                        + Arrays.toString(shape) + " of " + dtype.describe() + " (" + need
                        + " bytes of data) but only " + have + " bytes follow the header"
                        + (h.fortranOrder() ? "" : "; rows from " + (have / rowBytes + 1) + " on are missing"));
            }
            if (schema.rows() == 0) {
                throw InvalidInputException.in(name).problem("holds no rows (shape " + Arrays.toString(shape) + ")");
            }
            Arena arena = Arena.ofShared();
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset(), need, arena);
            return new NpyReader(path, arena, seg, dtype, h.fortranOrder(), schema);
        }
    }

    private static PartSchema vectorSchema(String name, long[] shape) {
        if (shape.length < 2) {
            throw InvalidInputException.in(name).problem("holds a " + shape.length + "-D array of shape "
                    + Arrays.toString(shape) + "; vectors need shape (n, d) (pass a 1-D array with --labels)");
        }
        long d = 1;
        for (int i = 1; i < shape.length; i++) {
            d *= shape[i];
        }
        if (d < 1 || d > Integer.MAX_VALUE / 2) {
            throw InvalidInputException.in(name).problem("has " + d + " components per vector; expected 1 to 2^30");
        }
        Optional<ImageShape> image = Optional.empty();
        if (shape.length == 3) {
            image = Optional.of(new ImageShape((int) shape[1], (int) shape[2], 1));
        } else if (shape.length == 4 && (shape[3] == 1 || shape[3] == 3 || shape[3] == 4)) {
            image = Optional.of(new ImageShape((int) shape[1], (int) shape[2], (int) shape[3]));
        }
        return PartSchema.vectors(shape[0], (int) d, image);
    }

    private static PartSchema labelSchema(String name, long[] shape, NumericDtype dtype) {
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw InvalidInputException.in(name).problem("holds shape " + Arrays.toString(shape)
                    + "; labels need shape (n,) or (n, 1)");
        }
        ColumnType t = dtype.isInteger() ? ColumnType.BIGINT : ColumnType.DOUBLE;
        return PartSchema.labels(shape[0], t);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.NPY;
    }

    @Override
    public PartSchema schema() {
        return schema;
    }

    @Override
    public int read(Batch batch, int max) {
        int rows = (int) Math.min(max, n - next);
        if (schema.hasVectors()) {
            readVectors(batch, rows);
        } else {
            readLabels(batch, rows);
        }
        batch.size += rows;
        next += rows;
        return rows;
    }

    private void readVectors(Batch batch, int rows) {
        int dst = batch.size * d;
        if (dtype.isFloat32LittleEndian() && !fortran) {
            MemorySegment.copy(data, DenseVectors.FLOAT_LE, next * d * 4L, batch.vectors, dst, rows * d);
            VectorValues.checkFinite(batch.vectors, dst, rows * d, d, (r, j, v) -> VectorValues.toFloat(v,
                    path.toString(), "row", next + r + 1, VectorValues.component(j)));
            return;
        }
        int w = dtype.bytes();
        for (int r = 0; r < rows; r++) {
            long row = next + r;
            for (int j = 0; j < d; j++) {
                long element = fortran ? (long) j * n + row : row * d + j;
                double v = dtype.read(data, element * w);
                batch.vectors[dst + r * d + j] = VectorValues.toFloat(v, path.toString(), "row", row + 1,
                        VectorValues.component(j));
            }
        }
    }

    private void readLabels(Batch batch, int rows) {
        ColumnData col = batch.columns[0];
        int w = dtype.bytes();
        for (int r = 0; r < rows; r++) {
            long offset = (next + r) * w;
            if (dtype.isInteger()) {
                col.setLong(batch.size + r, dtype.readLong(data, offset));
            } else {
                col.setDouble(batch.size + r, dtype.read(data, offset));
            }
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
