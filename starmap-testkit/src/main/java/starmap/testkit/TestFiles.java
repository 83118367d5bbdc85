/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.testkit;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writers for the binary formats Starmap imports, independent of the importers they test. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Writes a float32 little-endian C-order .npy of shape (n, d). */
    public static Path npyFloat32(Path file, float[] rowMajor, int n, int d) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(rowMajor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(rowMajor);
        return npy(file, "<f4", false, b.array(), n, d);
    }

    /**
     * Writes a .npy with a given dtype string, memory order and raw data bytes (already in that dtype and
     * order). The header is version 1.0, padded to 64 bytes.
     */
    public static Path npy(Path file, String descr, boolean fortran, byte[] data, long... shape) throws IOException {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        sh.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + sh + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                    .putShort((short) header.length());
            out.write(pre.array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data);
        }
        return file;
    }

    /** Writes an IDX file of unsigned bytes with the given dimensions, gzip-compressed when asked. */
    public static Path idxUbyte(Path file, byte[] data, boolean gzip, int... dims) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream z = gzip ? new GZIPOutputStream(raw) : raw;
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(z))) {
            out.writeShort(0);
            out.writeByte(0x08);
            out.writeByte(dims.length);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(data);
        }
        return file;
    }

    /** Writes an .fvecs file: per vector, int32 d then d float32, little-endian. */
    public static Path fvecs(Path file, float[] rowMajor, int n, int d) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n * (4 + 4 * d)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putInt(d);
            for (int j = 0; j < d; j++) {
                b.putFloat(rowMajor[i * d + j]);
            }
        }
        Files.write(file, b.array());
        return file;
    }

    /** Writes an .ivecs file: per vector, int32 d then d int32, little-endian. */
    public static Path ivecs(Path file, int[] rowMajor, int n, int d) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n * (4 + 4 * d)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putInt(d);
            for (int j = 0; j < d; j++) {
                b.putInt(rowMajor[i * d + j]);
            }
        }
        Files.write(file, b.array());
        return file;
    }

    /** Keeps only the first {@code bytes} bytes of {@code file}, as a crash mid-write would. */
    public static Path truncate(Path file, long bytes) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
        return file;
    }
}
