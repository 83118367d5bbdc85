/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import starmap.store.format.NpyHeader;

/** Fashion-MNIST (Debian package dataset-fashion-mnist) as the .npy files every tool reads. */
final class FashionMnist {
    static final Path IDX = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /** Writes {@code fmnist.npy} (70,000 × 784 float32, train then t10k) and {@code fmnist_labels.npy} (int64). */
    static Path[] prepare(Path dir) throws IOException {
        Path vectors = dir.resolve("fmnist.npy");
        Path labels = dir.resolve("fmnist_labels.npy");
        if (Files.exists(vectors) && Files.exists(labels)) {
            return new Path[] {vectors, labels};
        }
        if (!Files.isDirectory(IDX)) {
            throw new IOException(IDX + " is missing: apt-get install dataset-fashion-mnist");
        }
        byte[] train = read(IDX.resolve("train-images-idx3-ubyte.gz"), 16);
        byte[] test = read(IDX.resolve("t10k-images-idx3-ubyte.gz"), 16);
        byte[] trainL = read(IDX.resolve("train-labels-idx1-ubyte.gz"), 8);
        byte[] testL = read(IDX.resolve("t10k-labels-idx1-ubyte.gz"), 8);
        int n = (train.length + test.length) / 784;
        try (OutputStream out = Files.newOutputStream(vectors)) {
            NpyHeader.write(out, "<f4", n, 784);
            ByteBuffer b = ByteBuffer.allocate(n * 784 * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] part : new byte[][] {train, test}) {
                for (byte px : part) {
                    b.putFloat(px & 0xff);
                }
            }
            out.write(b.array());
        }
        try (OutputStream out = Files.newOutputStream(labels)) {
            NpyHeader.write(out, "<i8", n);
            ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] part : new byte[][] {trainL, testL}) {
                for (byte l : part) {
                    b.putLong(l & 0xff);
                }
            }
            out.write(b.array());
        }
        return new Path[] {vectors, labels};
    }

    private static byte[] read(Path gz, int header) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
            in.skipNBytes(header);
            return in.readAllBytes();
        }
    }
}
