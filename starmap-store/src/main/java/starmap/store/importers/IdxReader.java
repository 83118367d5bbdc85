/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import starmap.core.InvalidInputException;
import starmap.store.ColumnType;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed, as a stream. A
 * 1-D file holds labels; 2-D files hold vectors; 3-D files (n × rows × cols) hold greyscale images,
 * flattened row by row into vectors of their pixel values 0-255.
 */
final class IdxReader implements SourceReader {
    private final Path path;
    private final DataInputStream in;
    private final NumericDtype dtype;
    private final PartSchema schema;
    private final int d;
    private final byte[] rowBytes;
    private long next;

    private IdxReader(Path path, DataInputStream in, NumericDtype dtype, PartSchema schema, int d) {
        this.path = path;
        this.in = in;
        this.dtype = dtype;
        this.schema = schema;
        this.d = d;
        this.rowBytes = new byte[d * dtype.bytes()];
    }

    /** Opens a file of vectors (2-D) or images (3-D). */
    static IdxReader vectors(Path path) throws IOException {
        return open(path, false);
    }

    /** Opens a 1-D file of labels, read into one column named "label". */
    static IdxReader labels(Path path) throws IOException {
        return open(path, true);
    }

    /** Whether the file's header says it holds labels (one dimension). */
    static boolean holdsLabels(Path path) throws IOException {
        try (DataInputStream in = stream(path)) {
            in.readUnsignedShort();
            in.readUnsignedByte();
            return in.readUnsignedByte() == 1;
        } catch (EOFException e) {
            return false;
        }
    }

    private static DataInputStream stream(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static IdxReader open(Path path, boolean labels) throws IOException {
        String name = path.toString();
        DataInputStream in = stream(path);
        try {
            int zero = in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int dims = in.readUnsignedByte();
            if (zero != 0 || dims < 1 || dims > 4) {
                throw InvalidInputException.in(name).problem("is not an IDX file (bad magic number)");
            }
            long[] shape = new long[dims];
            for (int i = 0; i < dims; i++) {
                shape[i] = in.readInt() & 0xffffffffL;
            }
            NumericDtype dtype = dtype(name, type);
            PartSchema schema = labels ? labelSchema(name, shape, dtype) : vectorSchema(name, shape);
            if (schema.rows() == 0) {
                throw InvalidInputException.in(name).problem("holds no rows");
            }
            int d = labels ? 1 : schema.vectorDim();
            return new IdxReader(path, in, dtype, schema, d);
        } catch (EOFException | ZipException e) {
            in.close();
            throw InvalidInputException.in(name).cause(e).problem("is truncated inside its header");
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    private static NumericDtype dtype(String name, int type) {
        return switch (type) {
            case 0x08 -> new NumericDtype('u', 1, ByteOrder.BIG_ENDIAN);
            case 0x09 -> new NumericDtype('i', 1, ByteOrder.BIG_ENDIAN);
            case 0x0B -> new NumericDtype('i', 2, ByteOrder.BIG_ENDIAN);
            case 0x0C -> new NumericDtype('i', 4, ByteOrder.BIG_ENDIAN);
            case 0x0D -> new NumericDtype('f', 4, ByteOrder.BIG_ENDIAN);
            case 0x0E -> new NumericDtype('f', 8, ByteOrder.BIG_ENDIAN);
            default -> throw InvalidInputException.in(name).problem(String.format(
                    "has unknown IDX element type 0x%02X", type));
        };
    }

    private static PartSchema vectorSchema(String name, long[] shape) {
        if (shape.length == 1) {
            throw InvalidInputException.in(name).problem("is a 1-D IDX file (labels); pass it with --labels");
        }
        long d = 1;
        for (int i = 1; i < shape.length; i++) {
            d *= shape[i];
        }
        Optional<ImageShape> image = shape.length == 3
                ? Optional.of(new ImageShape((int) shape[1], (int) shape[2], 1)) : Optional.empty();
        return PartSchema.vectors(shape[0], Math.toIntExact(d), image);
    }

    private static PartSchema labelSchema(String name, long[] shape, NumericDtype dtype) {
        if (shape.length != 1) {
            throw InvalidInputException.in(name).problem("has shape " + Arrays.toString(shape)
                    + "; a labels file is 1-D");
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
        return SourceFormat.IDX;
    }

    @Override
    public PartSchema schema() {
        return schema;
    }

    @Override
    public int read(Batch batch, int max) throws IOException {
        int rows = (int) Math.min(max, schema.rows() - next);
        MemorySegment row = MemorySegment.ofArray(rowBytes);
        for (int r = 0; r < rows; r++) {
            try {
                in.readFully(rowBytes);
            } catch (EOFException | ZipException e) {
                throw InvalidInputException.in(path.toString()).row(next + 1).cause(e).problem(
                        "file ends inside this row; the header declares " + schema.rows() + " rows (truncated file)");
            }
            int at = batch.size + r;
            if (schema.hasVectors() && dtype.kind() == 'u' && dtype.bytes() == 1) {
                int base = at * d;
                for (int j = 0; j < d; j++) {
                    batch.vectors[base + j] = rowBytes[j] & 0xff;
                }
            } else if (schema.hasVectors()) {
                for (int j = 0; j < d; j++) {
                    batch.vectors[at * d + j] = VectorValues.toFloat(dtype.read(row, (long) j * dtype.bytes()),
                            path.toString(), "row", next + 1, VectorValues.component(j));
                }
            } else if (dtype.isInteger()) {
                batch.columns[0].setLong(at, dtype.readLong(row, 0));
            } else {
                batch.columns[0].setDouble(at, dtype.read(row, 0));
            }
            next++;
        }
        batch.size += rows;
        return rows;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
