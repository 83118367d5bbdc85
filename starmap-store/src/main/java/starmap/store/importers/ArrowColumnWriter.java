/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import starmap.store.ColumnType;

/** Arrow fields for Starmap's column types, and copying a {@link ColumnData} into an Arrow vector. */
final class ArrowColumnWriter {
    private ArrowColumnWriter() {
    }

    static Field field(String name, ColumnType type) {
        ArrowType t = switch (type) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case BIGINT -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case VARCHAR -> ArrowType.Utf8.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        };
        return new Field(name, FieldType.nullable(t), null);
    }

    /** Writes {@code count} values of {@code col} into {@code v}, which has {@code col}'s type. */
    static void write(FieldVector v, ColumnData col, int count) {
        switch (col.type) {
            case BIGINT -> {
                BigIntVector x = (BigIntVector) v;
                x.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    if (col.nulls[i]) {
                        x.setNull(i);
                    } else {
                        x.set(i, col.longs[i]);
                    }
                }
            }
            case DOUBLE -> {
                Float8Vector x = (Float8Vector) v;
                x.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    if (col.nulls[i]) {
                        x.setNull(i);
                    } else {
                        x.set(i, col.doubles[i]);
                    }
                }
            }
            case VARCHAR -> writeStrings((VarCharVector) v, col.strings, col.nulls, count);
            case BOOLEAN -> {
                BitVector x = (BitVector) v;
                x.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    if (col.nulls[i]) {
                        x.setNull(i);
                    } else {
                        x.set(i, col.bools[i] ? 1 : 0);
                    }
                }
            }
            case DATE -> {
                DateDayVector x = (DateDayVector) v;
                x.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    if (col.nulls[i]) {
                        x.setNull(i);
                    } else {
                        x.set(i, Math.toIntExact(col.longs[i]));
                    }
                }
            }
            case TIMESTAMP -> {
                TimeStampMicroVector x = (TimeStampMicroVector) v;
                x.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    if (col.nulls[i]) {
                        x.setNull(i);
                    } else {
                        x.set(i, col.longs[i]);
                    }
                }
            }
        }
        v.setValueCount(count);
    }

    /** Writes strings (null where {@code nulls[i]} or the string is null). */
    static void writeStrings(VarCharVector x, String[] values, boolean[] nulls, int count) {
        x.allocateNew(count);
        for (int i = 0; i < count; i++) {
            if ((nulls != null && nulls[i]) || values[i] == null) {
                x.setNull(i);
            } else {
                x.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        x.setValueCount(count);
    }
}
