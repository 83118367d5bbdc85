/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import starmap.core.InvalidInputException;

/**
 * A fixed-width numeric element type read from memory: NumPy dtypes ({@code <f4}, {@code >i8},
 * {@code |u1}, …) and IDX type codes.
 *
 * @param kind  'f' float, 'i' signed integer, 'u' unsigned integer
 * @param bytes element width
 * @param order byte order
 */
record NumericDtype(char kind, int bytes, ByteOrder order) {

    /** Parses a NumPy dtype string, rejecting anything that is not a plain number. */
    static NumericDtype fromNumpy(String file, String descr) {
        if (descr.length() < 3) {
            throw unsupported(file, descr);
        }
        char bo = descr.charAt(0);
        char kind = descr.charAt(1);
        int bytes;
        try {
            bytes = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw unsupported(file, descr);
        }
        ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN
                : bo == '<' || bo == '|' ? ByteOrder.LITTLE_ENDIAN
                : bo == '=' ? ByteOrder.nativeOrder() : null;
        boolean ok = order != null && switch (kind) {
            case 'f' -> bytes == 2 || bytes == 4 || bytes == 8;
            case 'i', 'u' -> bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8;
            default -> false;
        };
        if (!ok) {
            throw unsupported(file, descr);
        }
        return new NumericDtype(kind, bytes, order);
    }

    private static InvalidInputException unsupported(String file, String descr) {
        return InvalidInputException.in(file).problem("has unsupported dtype '" + descr
                + "'; supported: float16/32/64 (f2, f4, f8), int8-64 (i1-i8), uint8-64 (u1-u8)");
    }

    boolean isFloat32LittleEndian() {
        return kind == 'f' && bytes == 4 && order == ByteOrder.LITTLE_ENDIAN;
    }

    boolean isInteger() {
        return kind != 'f';
    }

    /** The element at byte {@code offset} as a double (exact for every supported type but u8 > 2^53). */
    double read(MemorySegment seg, long offset) {
        return switch (kind) {
            case 'f' -> switch (bytes) {
                case 2 -> Float.float16ToFloat(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset));
                case 4 -> seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), offset);
                default -> seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order), offset);
            };
            case 'i' -> readLong(seg, offset);
            default -> {
                long v = readLong(seg, offset);
                yield bytes == 8 && v < 0 ? (double) (v >>> 1) * 2.0 + (v & 1) : v;
            }
        };
    }

    /** The element at byte {@code offset} as a long (integers only). */
    long readLong(MemorySegment seg, long offset) {
        boolean unsigned = kind == 'u';
        return switch (bytes) {
            case 1 -> unsigned ? seg.get(ValueLayout.JAVA_BYTE, offset) & 0xffL : seg.get(ValueLayout.JAVA_BYTE, offset);
            case 2 -> {
                short s = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), offset);
                yield unsigned ? s & 0xffffL : s;
            }
            case 4 -> {
                int i = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), offset);
                yield unsigned ? i & 0xffffffffL : i;
            }
            default -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), offset);
        };
    }

    /** "float32", "uint8", … */
    String describe() {
        return (kind == 'f' ? "float" : kind == 'i' ? "int" : "uint") + bytes * 8;
    }
}
