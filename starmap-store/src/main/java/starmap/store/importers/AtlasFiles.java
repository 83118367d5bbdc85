/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import starmap.core.InvalidInputException;

/**
 * How every import writes an atlas: into a hidden temporary file beside the target, moved into place
 * only when everything succeeded, deleted otherwise.
 */
public final class AtlasFiles {
    private AtlasFiles() {
    }

    /** Fails unless the target's directory exists and the target is absent or may be replaced. */
    public static void checkTarget(Path target, boolean replace) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw InvalidInputException.in("--atlas").problem("the directory of " + target + " does not exist");
        }
        if (Files.exists(target) && !replace) {
            throw InvalidInputException.in(target.toString()).problem("already exists; pass --replace to overwrite it "
                    + "(it is replaced only if the import succeeds)");
        }
    }

    /** A fresh hidden file name beside {@code target}. */
    public static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".importing-" + UUID.randomUUID());
    }

    /** Moves the finished temporary atlas onto the target, atomically where the file system can. */
    public static void move(Path tmp, Path target, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, target);
            }
        }
    }

    /** Deletes the temporary atlas and its write-ahead log, if they are still there. */
    public static void discard(Path tmp) {
        deleteQuietly(tmp);
        deleteQuietly(tmp.resolveSibling(tmp.getFileName() + ".wal"));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover hidden temporary file is harmless
        }
    }
}
