/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A binary response computed once and served many times: the bytes, a strong ETag (a hash of the
 * bytes), headers that describe them (dimension, bounds, encoding), and its gzip and brotli forms,
 * each made on first request and kept.
 */
final class Blob {
    /** Brotli needs brotli4j's native library, shipped for Linux x86-64 and aarch64; elsewhere gzip only. */
    static final boolean BROTLI = brotliAvailable();

    private final byte[] raw;
    private final String etag;
    private final Map<String, String> headers;
    private volatile byte[] gzip;
    private volatile byte[] brotli;

    private Blob(byte[] raw, Map<String, String> headers) {
        this.raw = raw;
        this.etag = etag(raw);
        this.headers = Map.copyOf(headers);
    }

    static Blob of(byte[] raw, Map<String, String> headers) {
        return new Blob(raw, headers);
    }

    byte[] raw() {
        return raw;
    }

    String etag() {
        return etag;
    }

    Map<String, String> headers() {
        return headers;
    }

    byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            gzip = g = gzip(raw);
        }
        return g;
    }

    /** The brotli form; only when {@link #BROTLI}. */
    byte[] brotli() {
        byte[] b = brotli;
        if (b == null) {
            brotli = b = brotli(raw);
        }
        return b;
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.DEFAULT_COMPRESSION);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Quality 9 with a 4 MiB window: within a few percent of quality 11 on positions and codes at a
     * small fraction of its time (quality 11 spends seconds on a million points, on the first request).
     */
    private static byte[] brotli(byte[] raw) {
        try {
            return Encoder.compress(raw, new Encoder.Parameters().setQuality(9).setWindow(22));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean brotliAvailable() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static String etag(byte[] raw) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(raw);
            return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
