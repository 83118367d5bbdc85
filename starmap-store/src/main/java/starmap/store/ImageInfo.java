/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.util.Optional;

/**
 * Where a point's image comes from.
 *
 * @param kind     {@link Kind#PIXELS} when the vectors are the pixels, {@link Kind#FILES} for a path column
 * @param height   pixel rows (pixels only)
 * @param width    pixel columns (pixels only)
 * @param channels 1 (grey), 3 (RGB) or 4 (RGBA) (pixels only)
 * @param column   the path column (files only)
 * @param root     directory the paths are relative to (files only)
 */
public record ImageInfo(Kind kind, int height, int width, int channels, Optional<String> column,
        Optional<String> root) {

    /** How images are stored. */
    public enum Kind { PIXELS, FILES }

    public static ImageInfo pixels(int height, int width, int channels) {
        return new ImageInfo(Kind.PIXELS, height, width, channels, Optional.empty(), Optional.empty());
    }

    public static ImageInfo files(String column, String root) {
        return new ImageInfo(Kind.FILES, 0, 0, 0, Optional.of(column), Optional.of(root));
    }

    /** "28×28 grey pixels from the vectors" or "files in column 'path' under /data/img". */
    public String describe() {
        if (kind == Kind.PIXELS) {
            String ch = switch (channels) {
                case 1 -> "grey";
                case 3 -> "RGB";
                default -> "RGBA";
            };
            return height + "×" + width + " " + ch + " pixels from the vectors";
        }
        return "files named in column '" + column.orElseThrow() + "' under " + root.orElseThrow();
    }
}
