/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolving a stored relative path under a root so that it can never leave the root. */
final class SafePaths {
    private SafePaths() {
    }

    /**
     * The file {@code relative} names under {@code root}. Refuses absolute paths, {@code ..} segments and
     * links (or linked directories) that lead outside the root, with 403; a missing file is 404.
     */
    static Path resolve(Path root, String relative) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new ApiException(403, "image path '" + relative + "' is not a valid path");
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new ApiException(403, "image path '" + relative + "' is absolute; paths must be relative to the root");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new ApiException(403, "image path '" + relative + "' climbs out of the root with '..'");
            }
        }
        try {
            Path realRoot = root.toRealPath();
            Path file = realRoot.resolve(rel).normalize();
            if (!Files.exists(file)) {
                throw new ApiException(404, "image file '" + relative + "' does not exist under the images root");
            }
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new ApiException(403, "image path '" + relative + "' leads outside the images root");
            }
            if (!Files.isRegularFile(real)) {
                throw new ApiException(404, "image path '" + relative + "' is not a file");
            }
            return real;
        } catch (IOException e) {
            throw new ApiException(404, "image file '" + relative + "' cannot be read: " + e.getMessage());
        }
    }
}
