/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.InvalidParameterException;

class DenseVectorsTest {
    @TempDir
    Path dir;

    @Test
    void allocated_vectors_start_at_zero_and_keep_what_is_written() {
        try (DenseVectors v = DenseVectors.allocate(3, 4)) {
            assertThat(v.get(2, 3)).isZero();
            v.write(1, new float[] {1, 2, 3, 4}, 0);
            v.set(2, 0, -5f);
            float[] row = new float[6];
            v.read(1, row, 2);
            assertThat(row).containsExactly(0, 0, 1, 2, 3, 4);
            assertThat(v.get(2, 0)).isEqualTo(-5f);
            assertThat(v.size()).isEqualTo(3);
            assertThat(v.dimension()).isEqualTo(4);
        }
    }

    @Test
    void wrapped_arrays_are_shared_both_ways() {
        float[] data = {1, 2, 3, 4, 5, 6};
        DenseVectors v = DenseVectors.wrap(data, 3, 2);
        assertThat(v.get(2, 1)).isEqualTo(6f);
        v.set(0, 0, 9f);
        assertThat(data[0]).isEqualTo(9f);
    }

    @Test
    void mapped_files_are_little_endian_row_major() throws IOException {
        Path f = dir.resolve("v.bin");
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * 6).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0xdeadbeefL);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i * 1.5f);
        }
        Files.write(f, b.array());
        try (DenseVectors v = DenseVectors.map(f, 8, 2, 3, false)) {
            assertThat(v.get(0, 0)).isEqualTo(0f);
            assertThat(v.get(1, 2)).isEqualTo(7.5f);
            assertThatThrownBy(() -> v.set(0, 0, 1f)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void ten_million_by_128_fits_and_addresses_past_two_gigafloats() throws IOException {
        int n = 10_000_000;
        int d = 128;
        Path f = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength((long) n * d * 4);
        }
        try (DenseVectors v = DenseVectors.map(f, 0, n, d, true)) {
            v.set(n - 1, d - 1, 42f);
            v.set(n / 2, 7, -1f);
            assertThat(v.get(n - 1, d - 1)).isEqualTo(42f);
            assertThat(v.get(n / 2, 7)).isEqualTo(-1f);
            assertThat(v.row(n - 1).byteSize()).isEqualTo(d * 4L);
        }
        try (DenseVectors again = DenseVectors.map(f, 0, n, d, false)) {
            assertThat(again.get(n - 1, d - 1)).isEqualTo(42f);
        }
    }

    @Test
    void copies_are_independent() {
        try (DenseVectors a = DenseVectors.allocate(2, 2); DenseVectors b = DenseVectors.copyOf(a)) {
            a.set(0, 0, 3f);
            assertThat(b.get(0, 0)).isZero();
        }
    }

    @Test
    void rejects_bad_shapes_and_short_files() throws IOException {
        assertThatThrownBy(() -> DenseVectors.allocate(3, 0)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("d must be >= 1, got 0");
        assertThatThrownBy(() -> DenseVectors.wrap(new float[5], 2, 3)).hasMessageContaining("n * d = 6");
        Path f = Files.write(dir.resolve("short.bin"), new byte[10]);
        assertThatThrownBy(() -> DenseVectors.map(f, 0, 1, 3, false)).hasMessageContaining("fewer than the 12 needed");
    }

    @Test
    void rejects_out_of_range_rows() {
        try (DenseVectors v = DenseVectors.allocate(2, 2)) {
            assertThatThrownBy(() -> v.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> v.get(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
