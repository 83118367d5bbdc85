/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Device memory of a known size, freed on {@link #close}. Every operation makes the device's context
 * current on the calling thread first. Copies from and to Java arrays go through an
 * off-heap staging buffer of at most {@value #STAGING} bytes at a time.
 */
public final class DeviceBuffer implements AutoCloseable {
    static final long STAGING = 64L << 20;

    private final Gpu gpu;
    private final long pointer;
    private final long bytes;
    private boolean closed;

    DeviceBuffer(Gpu gpu, long pointer, long bytes) {
        this.gpu = gpu;
        this.pointer = pointer;
        this.bytes = bytes;
    }

    /** The device address. */
    public long pointer() {
        return pointer;
    }

    public long bytes() {
        return bytes;
    }

    /** Sets every byte to zero. */
    public void zero() {
        check(0, 0);
        gpu.bind();
        gpu.driver().memset(pointer, (byte) 0, bytes);
    }

    public void write(float[] values) {
        write(MemorySegment.ofArray(values), ValueLayout.JAVA_FLOAT.byteSize() * values.length, 0);
    }

    public void write(int[] values) {
        write(MemorySegment.ofArray(values), ValueLayout.JAVA_INT.byteSize() * values.length, 0);
    }

    /** Copies {@code length} bytes of {@code src} (heap or native) to this buffer at byte {@code offset}. */
    public void write(MemorySegment src, long length, long offset) {
        check(offset, length);
        gpu.bind();
        if (src.isNative()) {
            gpu.driver().copyToDevice(pointer + offset, src, length);
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment stage = a.allocate(Math.min(length, STAGING), 16);
            for (long done = 0; done < length; done += STAGING) {
                long chunk = Math.min(STAGING, length - done);
                MemorySegment.copy(src, done, stage, 0, chunk);
                gpu.driver().copyToDevice(pointer + offset + done, stage, chunk);
            }
        }
    }

    public void read(float[] into) {
        read(MemorySegment.ofArray(into), ValueLayout.JAVA_FLOAT.byteSize() * into.length, 0);
    }

    public void read(int[] into) {
        read(MemorySegment.ofArray(into), ValueLayout.JAVA_INT.byteSize() * into.length, 0);
    }

    public void read(double[] into) {
        read(MemorySegment.ofArray(into), ValueLayout.JAVA_DOUBLE.byteSize() * into.length, 0);
    }

    /** Copies {@code length} bytes at byte {@code offset} of this buffer into {@code dst}. */
    public void read(MemorySegment dst, long length, long offset) {
        check(offset, length);
        gpu.bind();
        if (dst.isNative()) {
            gpu.driver().copyToHost(dst, pointer + offset, length);
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment stage = a.allocate(Math.min(length, STAGING), 16);
            for (long done = 0; done < length; done += STAGING) {
                long chunk = Math.min(STAGING, length - done);
                gpu.driver().copyToHost(stage, pointer + offset + done, chunk);
                MemorySegment.copy(stage, 0, dst, done, chunk);
            }
        }
    }

    private void check(long offset, long length) {
        if (closed) {
            throw new IllegalStateException("device buffer already freed");
        }
        if (offset < 0 || length < 0 || offset + length > bytes) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") of a "
                    + bytes + "-byte device buffer");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            gpu.bind();
            gpu.driver().free(pointer);
        }
    }
}
