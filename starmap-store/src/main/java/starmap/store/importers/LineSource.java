/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import starmap.core.InvalidInputException;

/**
 * The lines of a UTF-8 text file (optionally gzip-compressed), decoded strictly: a byte sequence that
 * is not UTF-8 fails with the number of its line. Strips a leading byte order mark and the
 * {@code \r} of CRLF endings. Streams; holds one line at a time.
 */
final class LineSource implements AutoCloseable {
    private final Path path;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    private long line;

    LineSource(Path path) throws IOException {
        this.path = path;
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        this.in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** The 1-based number of the line last returned. */
    long lineNumber() {
        return line;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    String s = decode(start, i);
                    start = i + 1;
                    return s;
                }
            }
            if (eof) {
                if (start < end) {
                    String s = decode(start, end);
                    start = end;
                    return s;
                }
                return null;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r;
        try {
            r = in.read(buf, end, buf.length - end);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw InvalidInputException.in(path.toString()).line(line + 1).cause(e)
                    .problem("compressed data ends early (truncated file)");
        }
        if (r < 0) {
            eof = true;
        } else {
            end += r;
        }
    }

    private String decode(int from, int to) {
        line++;
        int len = to - from;
        if (len > 0 && buf[to - 1] == '\r') {
            len--;
        }
        if (line == 1 && len >= 3 && (buf[from] & 0xff) == 0xEF && (buf[from + 1] & 0xff) == 0xBB
                && (buf[from + 2] & 0xff) == 0xBF) {
            from += 3;
            len -= 3;
        }
        boolean ascii = true;
        for (int i = from; i < from + len; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, from, len, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer cb = decoder.decode(ByteBuffer.wrap(buf, from, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            int bad = from;
            while (bad < from + len && buf[bad] >= 0) {
                bad++;
            }
            throw InvalidInputException.in(path.toString()).line(line).cause(e).problem(String.format(
                    "is not valid UTF-8 (byte 0x%02X at character %d); re-encode the file as UTF-8",
                    buf[bad] & 0xff, bad - from + 1));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
