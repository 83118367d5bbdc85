/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import starmap.core.InvalidInputException;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): dtype, memory order and
 * shape, and where the data starts.
 *
 * @param descr        the dtype string, e.g. {@code "<f4"}
 * @param fortranOrder true for column-major data
 * @param shape        the array's shape
 * @param dataOffset   byte offset of the first element
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads and checks the header of {@code file}. */
    public static NpyHeader read(Path file, FileChannel ch) throws IOException {
        String name = file.toString();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(pre, 0);
        pre.flip();
        if (pre.remaining() < 10) {
            throw InvalidInputException.in(name).problem("is too short to be a .npy file ("
                    + ch.size() + " bytes)");
        }
        byte[] magic = new byte[6];
        pre.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw InvalidInputException.in(name).problem("is not a .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get() & 0xff;
        pre.get();
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = pre.getShort() & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 4) {
                throw InvalidInputException.in(name).problem("is truncated inside its header");
            }
            headerLen = pre.getInt() & 0xffffffffL;
            prefix = 12;
        } else {
            throw InvalidInputException.in(name).problem("has .npy format version " + major
                    + ", expected 1, 2 or 3");
        }
        if (ch.size() < prefix + headerLen) {
            throw InvalidInputException.in(name).problem("is truncated inside its header");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        ch.read(hb, prefix);
        String dict = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(name, dict, prefix + headerLen);
    }

    private static NpyHeader parse(String name, String dict, long dataOffset) {
        Matcher d = DESCR.matcher(dict);
        if (!d.find()) {
            throw InvalidInputException.in(name).problem("has a structured or unreadable dtype in its header "
                    + dict.strip() + "; only plain numeric arrays are supported");
        }
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!f.find() || !s.find()) {
            throw InvalidInputException.in(name).problem("has an unreadable header " + dict.strip());
        }
        long[] shape = Arrays.stream(s.group(1).split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        return new NpyHeader(d.group(1), f.group(1).equals("True"), shape, dataOffset);
    }

    /** Number of elements. */
    public long elements() {
        long e = 1;
        for (long x : shape) {
            e = Math.multiplyExact(e, x);
        }
        return e;
    }

    /** Writes a version 1.0 header padded so the data starts on a 64-byte boundary. */
    public static void write(OutputStream out, String descr, long... shape) throws IOException {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sh.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        sh.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + sh + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    }
}
