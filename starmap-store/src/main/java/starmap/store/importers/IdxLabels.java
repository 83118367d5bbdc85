/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the label file beside an IDX image file, as MNIST-style datasets ship them:
 * {@code train-images-idx3-ubyte.gz} ↔ {@code train-labels-idx1-ubyte.gz}.
 */
final class IdxLabels {
    private IdxLabels() {
    }

    /** The sibling label files of every source, or an empty list unless every source has one. */
    static List<Path> siblings(Part main) throws IOException {
        List<Path> out = new ArrayList<>();
        for (SourceReader r : main.readers) {
            if (r.format() != SourceFormat.IDX) {
                return List.of();
            }
            String name = r.path().getFileName().toString();
            if (!name.contains("images-idx3")) {
                return List.of();
            }
            Path sibling = r.path().resolveSibling(name.replace("images-idx3", "labels-idx1"));
            if (!Files.isRegularFile(sibling) || !IdxReader.holdsLabels(sibling)) {
                return List.of();
            }
            out.add(sibling);
        }
        return out;
    }
}
