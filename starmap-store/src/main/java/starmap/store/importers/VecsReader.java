/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import starmap.core.InvalidInputException;

/**
 * Reads the TEXMEX formats of ANN benchmarks through a memory mapping: each vector is a little-endian
 * int32 dimension followed by that many float32 ({@code .fvecs}), int32 ({@code .ivecs}) or uint8
 * ({@code .bvecs}) values. Every vector must have the first vector's dimension.
 */
final class VecsReader implements SourceReader {
    private final Path path;
    private final SourceFormat format;
    private final Arena arena;
    private final MemorySegment data;
    private final NumericDtype dtype;
    private final PartSchema schema;
    private final int d;
    private final long record;
    private long next;

    private VecsReader(Path path, SourceFormat format, Arena arena, MemorySegment data, NumericDtype dtype,
            int d, long n) {
        this.path = path;
        this.format = format;
        this.arena = arena;
        this.data = data;
        this.dtype = dtype;
        this.d = d;
        this.record = 4L + (long) d * dtype.bytes();
        this.schema = PartSchema.vectors(n, d, Optional.empty());
    }

    static VecsReader open(Path path, SourceFormat format) throws IOException {
        String name = path.toString();
        NumericDtype dtype = switch (format) {
            case FVECS -> new NumericDtype('f', 4, ByteOrder.LITTLE_ENDIAN);
            case IVECS -> new NumericDtype('i', 4, ByteOrder.LITTLE_ENDIAN);
            case BVECS -> new NumericDtype('u', 1, ByteOrder.LITTLE_ENDIAN);
            default -> throw new IllegalArgumentException(format.toString());
        };
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw InvalidInputException.in(name).problem("is empty");
            }
            if (size < 4) {
                throw InvalidInputException.in(name).problem("is truncated: " + size + " bytes");
            }
            Arena arena = Arena.ofShared();
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            int d = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (d < 1 || d > (1 << 24)) {
                arena.close();
                throw InvalidInputException.in(name).at("vector", 1).problem("declares dimension " + d
                        + "; is this a ." + format.cliName() + " file?");
            }
            long record = 4L + (long) d * dtype.bytes();
            if (size % record != 0) {
                long whole = size / record;
                arena.close();
                throw InvalidInputException.in(name).at("vector", whole + 1).problem("is cut short: the file holds "
                        + whole + " whole vectors of dimension " + d + " and " + size % record
                        + " more bytes (truncated file)");
            }
            return new VecsReader(path, format, arena, seg, dtype, d, size / record);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public SourceFormat format() {
        return format;
    }

    @Override
    public PartSchema schema() {
        return schema;
    }

    @Override
    public int read(Batch batch, int max) {
        int rows = (int) Math.min(max, schema.rows() - next);
        ValueLayout.OfInt le = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            long base = next * record;
            int dim = data.get(le, base);
            if (dim != d) {
                throw InvalidInputException.in(path.toString()).at("vector", next + 1).problem("has dimension "
                        + dim + ", but the first vector has " + d);
            }
            int at = (batch.size + r) * d;
            for (int j = 0; j < d; j++) {
                batch.vectors[at + j] = VectorValues.toFloat(dtype.read(data, base + 4 + (long) j * dtype.bytes()),
                        path.toString(), "vector", next + 1, VectorValues.component(j));
            }
            next++;
        }
        batch.size += rows;
        return rows;
    }

    @Override
    public void close() {
        arena.close();
    }
}
