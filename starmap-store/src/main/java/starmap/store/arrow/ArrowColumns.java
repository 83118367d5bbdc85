/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.arrow;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Field definitions and bulk fills for the Arrow columns Starmap writes. */
public final class ArrowColumns {
    private ArrowColumns() {
    }

    public static Field intField(String name) {
        return new Field(name, FieldType.notNullable(new ArrowType.Int(32, true)), null);
    }

    /** A fixed-size list of float32, DuckDB's {@code FLOAT[dim]}. */
    public static Field floatArrayField(String name, int dim) {
        return fixedList(name, dim, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
    }

    /** A fixed-size list of int32, DuckDB's {@code INTEGER[dim]}. */
    public static Field intArrayField(String name, int dim) {
        return fixedList(name, dim, new ArrowType.Int(32, true));
    }

    private static Field fixedList(String name, int dim, ArrowType item) {
        return new Field(name, FieldType.notNullable(new ArrowType.FixedSizeList(dim)),
                List.of(new Field("item", FieldType.notNullable(item), null)));
    }

    /** Fills {@code v} with {@code count} ints: {@code first, first + 1, …}. */
    public static void setSequence(IntVector v, int first, int count) {
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
            v.set(i, first + i);
        }
        v.setValueCount(count);
    }

    /** Fills {@code v} with {@code rows} rows of {@code dim} floats from {@code src[offset …]}. */
    public static void setFloatRows(FixedSizeListVector v, float[] src, long offset, int rows, int dim) {
        MemorySegment data = allocateRows(v, rows, dim, Float.BYTES);
        MemorySegment.copy(src, Math.toIntExact(offset), data, ValueLayout.JAVA_FLOAT_UNALIGNED, 0,
                Math.multiplyExact(rows, dim));
    }

    /** Fills {@code v} with {@code rows} rows of {@code dim} ints from {@code src[offset …]}. */
    public static void setIntRows(FixedSizeListVector v, int[] src, long offset, int rows, int dim) {
        MemorySegment data = allocateRows(v, rows, dim, Integer.BYTES);
        MemorySegment.copy(src, Math.toIntExact(offset), data, ValueLayout.JAVA_INT_UNALIGNED, 0,
                Math.multiplyExact(rows, dim));
    }

    /**
     * Allocates a fixed-size list of {@code rows} non-null rows and returns the child's data buffer
     * for the caller to fill; all validity bits are set.
     */
    public static MemorySegment allocateRows(FixedSizeListVector v, int rows, int dim, int itemBytes) {
        v.setInitialCapacity(rows);
        v.allocateNew();
        BaseFixedWidthVector child = (BaseFixedWidthVector) v.getDataVector();
        int values = Math.multiplyExact(rows, dim);
        child.allocateNew(Math.max(values, 1));
        setAllValid(child.getValidityBuffer(), values);
        for (int i = 0; i < rows; i++) {
            v.setNotNull(i);
        }
        child.setValueCount(values);
        v.setValueCount(rows);
        return MemorySegment.ofAddress(child.getDataBuffer().memoryAddress())
                .reinterpret((long) values * itemBytes);
    }

    private static void setAllValid(ArrowBuf validity, int count) {
        validity.setOne(0L, (long) ((count + 7) / 8));
    }

    /** The child data of a fixed-size list as a segment of {@code rows · dim} items. */
    public static MemorySegment rowData(FixedSizeListVector v, int rows, int dim, int itemBytes) {
        return MemorySegment.ofAddress(v.getDataVector().getDataBuffer().memoryAddress())
                .reinterpret((long) rows * dim * itemBytes);
    }
}
