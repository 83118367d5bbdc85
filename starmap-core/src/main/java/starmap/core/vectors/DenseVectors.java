/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import starmap.core.InvalidParameterException;

/**
 * An n × d float32 matrix, row-major and little-endian, in one {@link MemorySegment}: allocated off
 * the heap, memory-mapped from a file, or wrapping a heap array.
 *
 * <p>Indices are {@code long} inside, so n · d may exceed 2³¹ (10M × 128 is 1.28 G floats). The
 * instance owns the memory it allocated or mapped and frees it in {@link #close()}; a wrapped array
 * belongs to its caller.
 */
public final class DenseVectors implements VectorSource, AutoCloseable {
    /** Element layout of every segment: float32, little-endian, 4-byte aligned offsets. */
    public static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int n;
    private final int d;
    private final MemorySegment data;
    private final Arena arena;

    private DenseVectors(int n, int d, MemorySegment data, Arena arena) {
        this.n = n;
        this.d = d;
        this.data = data;
        this.arena = arena;
    }

    /** Allocates a zeroed n × d matrix off the heap, shared across threads. */
    public static DenseVectors allocate(int n, int d) {
        checkShape(n, d);
        Arena arena = Arena.ofShared();
        try {
            return new DenseVectors(n, d, arena.allocate(bytes(n, d), 64), arena);
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            throw e;
        }
    }

    /** Wraps a heap array of length n · d; changes show through both ways. */
    public static DenseVectors wrap(float[] rowMajor, int n, int d) {
        checkShape(n, d);
        InvalidParameterException.require(rowMajor.length == (long) n * d,
                "rowMajor.length", "n * d = " + (long) n * d, rowMajor.length);
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            DenseVectors copy = allocate(n, d);
            MemorySegment.copy(rowMajor, 0, copy.data, FLOAT_LE, 0, rowMajor.length);
            return copy;
        }
        return new DenseVectors(n, d, MemorySegment.ofArray(rowMajor), null);
    }

    /** Returns an off-heap copy of any source. */
    public static DenseVectors copyOf(VectorSource source) {
        DenseVectors out = allocate(source.size(), source.dimension());
        if (source instanceof DenseVectors dv) {
            MemorySegment.copy(dv.data, 0, out.data, 0, bytes(out.n, out.d));
            return out;
        }
        float[] row = new float[source.dimension()];
        for (int i = 0; i < source.size(); i++) {
            source.read(i, row, 0);
            out.write(i, row, 0);
        }
        return out;
    }

    /**
     * Maps {@code n · d} little-endian float32 values starting at byte {@code offset} of
     * {@code file}. The file must be at least that long. A writable mapping writes through to the
     * file; a read-only one throws {@link UnsupportedOperationException} on writes.
     */
    public static DenseVectors map(Path file, long offset, int n, int d, boolean writable) {
        checkShape(n, d);
        InvalidParameterException.require(offset >= 0, "offset", ">= 0", offset);
        Arena arena = Arena.ofShared();
        try (FileChannel ch = writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ)) {
            long need = offset + bytes(n, d);
            if (ch.size() < need) {
                throw new IllegalArgumentException(file + " holds " + ch.size()
                        + " bytes, fewer than the " + need + " needed for " + n + " × " + d
                        + " float32 at offset " + offset);
            }
            MemorySegment seg = ch.map(writable ? FileChannel.MapMode.READ_WRITE
                    : FileChannel.MapMode.READ_ONLY, offset, bytes(n, d), arena);
            return new DenseVectors(n, d, seg, arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public float get(int row, int col) {
        return data.getAtIndex(FLOAT_LE, index(row, col));
    }

    /** Sets component {@code col} of vector {@code row}. */
    public void set(int row, int col, float value) {
        checkWritable();
        data.setAtIndex(FLOAT_LE, index(row, col), value);
    }

    @Override
    public void read(int row, float[] dst, int offset) {
        Objects.checkIndex(row, n);
        MemorySegment.copy(data, FLOAT_LE, (long) row * d * Float.BYTES, dst, offset, d);
    }

    /** Copies {@code src[offset … offset + d)} into vector {@code row}. */
    public void write(int row, float[] src, int offset) {
        checkWritable();
        Objects.checkIndex(row, n);
        MemorySegment.copy(src, offset, data, FLOAT_LE, (long) row * d * Float.BYTES, d);
    }

    /**
     * Copies {@code rows} consecutive vectors starting at {@code firstRow} from a row-major array.
     */
    public void write(int firstRow, int rows, float[] src) {
        checkWritable();
        Objects.checkFromIndexSize(firstRow, rows, n);
        MemorySegment.copy(src, 0, data, FLOAT_LE, (long) firstRow * d * Float.BYTES,
                Math.multiplyExact(rows, d));
    }

    /** The whole matrix; element (i, j) is at byte {@code 4 · (i · d + j)}. */
    public MemorySegment segment() {
        return data;
    }

    /** Vector {@code row} as a d-float slice of {@link #segment()}. */
    public MemorySegment row(int row) {
        Objects.checkIndex(row, n);
        return data.asSlice((long) row * d * Float.BYTES, (long) d * Float.BYTES);
    }

    /** Frees allocated memory or unmaps the file. Wrapped heap arrays are left alone. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    private void checkWritable() {
        if (data.isReadOnly()) {
            throw new UnsupportedOperationException("these vectors are a read-only mapping");
        }
    }

    private long index(int row, int col) {
        Objects.checkIndex(row, n);
        Objects.checkIndex(col, d);
        return (long) row * d + col;
    }

    private static long bytes(int n, int d) {
        return (long) n * d * Float.BYTES;
    }

    private static void checkShape(int n, int d) {
        InvalidParameterException.require(n >= 0, "n", ">= 0", n);
        InvalidParameterException.require(d >= 1, "d", ">= 1", d);
    }
}
