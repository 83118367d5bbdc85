/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import starmap.core.InvalidParameterException;

/**
 * What {@code starmap import} was asked to do. Build with {@link #builder(Path, List)}; each setter
 * documents its default. Validated when built.
 *
 * @param atlas         the atlas file to create
 * @param sources       files whose rows become the points, concatenated in order
 * @param format        their format, when their names do not tell it
 * @param idColumn      the column holding point ids
 * @param vectorColumn  the column holding whole vectors
 * @param vectorColumns a glob naming the numeric columns that form the vector
 * @param header        whether CSV/TSV files start with a header row
 * @param metadata      files of further columns, row-aligned with the sources
 * @param labels        files of labels, row-aligned with the sources
 * @param labelNames    names for integer labels 0, 1, 2, …
 * @param imagesRoot    the directory image paths are relative to
 * @param imageColumn   the column holding image paths
 * @param replace       whether an existing atlas file may be replaced (only once the import succeeded)
 */
public record ImportOptions(Path atlas, List<Path> sources, Optional<SourceFormat> format, Optional<String> idColumn,
        Optional<String> vectorColumn, Optional<String> vectorColumns, boolean header, List<Path> metadata,
        List<Path> labels, List<String> labelNames, Optional<Path> imagesRoot, Optional<String> imageColumn,
        boolean replace) {

    public ImportOptions {
        sources = List.copyOf(sources);
        metadata = List.copyOf(metadata);
        labels = List.copyOf(labels);
        labelNames = List.copyOf(labelNames);
        InvalidParameterException.require(!sources.isEmpty(), "SOURCE", "at least one file", "none");
        InvalidParameterException.require(vectorColumn.isEmpty() || vectorColumns.isEmpty(), "--vector",
                "not combined with --vector-columns", vectorColumn.orElse(""));
        InvalidParameterException.require(imageColumn.isEmpty() || !imageColumn.get().isBlank(), "--image",
                "a column name", imageColumn.orElse(""));
    }

    public static Builder builder(Path atlas, List<Path> sources) {
        return new Builder(atlas, sources);
    }

    /** Builds {@link ImportOptions}. */
    public static final class Builder {
        private final Path atlas;
        private final List<Path> sources;
        private Optional<SourceFormat> format = Optional.empty();
        private Optional<String> idColumn = Optional.empty();
        private Optional<String> vectorColumn = Optional.empty();
        private Optional<String> vectorColumns = Optional.empty();
        private boolean header = true;
        private List<Path> metadata = List.of();
        private List<Path> labels = List.of();
        private List<String> labelNames = List.of();
        private Optional<Path> imagesRoot = Optional.empty();
        private Optional<String> imageColumn = Optional.empty();
        private boolean replace;

        private Builder(Path atlas, List<Path> sources) {
            this.atlas = atlas;
            this.sources = sources;
        }

        /** Default: guessed from each file's name. */
        public Builder format(SourceFormat f) {
            format = Optional.of(f);
            return this;
        }

        /** Default: a column named "id" if there is one, else the row number 0, 1, 2, …. */
        public Builder idColumn(String c) {
            idColumn = Optional.of(c);
            return this;
        }

        /** Default: the one column whose every value is a list of numbers, if exactly one is. */
        public Builder vectorColumn(String c) {
            vectorColumn = Optional.of(c);
            return this;
        }

        /** Default: none (see {@link #vectorColumn}). */
        public Builder vectorColumns(String glob) {
            vectorColumns = Optional.of(glob);
            return this;
        }

        /** Default: true. */
        public Builder header(boolean h) {
            header = h;
            return this;
        }

        /** Default: none. */
        public Builder metadata(List<Path> files) {
            metadata = files;
            return this;
        }

        /** Default: none, except that IDX image files find their sibling IDX label files. */
        public Builder labels(List<Path> files) {
            labels = files;
            return this;
        }

        /** Default: none; integer labels stay integers. */
        public Builder labelNames(List<String> names) {
            labelNames = names;
            return this;
        }

        /** Default: the directory of the file that holds the image column. */
        public Builder imagesRoot(Path dir) {
            imagesRoot = Optional.of(dir);
            return this;
        }

        /** Default: the one text column whose every value ends in an image extension (.png, .jpg, …). */
        public Builder imageColumn(String c) {
            imageColumn = Optional.of(c);
            return this;
        }

        /** Default: false; an existing atlas file is an error. */
        public Builder replace(boolean r) {
            replace = r;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(atlas, sources, format, idColumn, vectorColumn, vectorColumns, header, metadata,
                    labels, labelNames, imagesRoot, imageColumn, replace);
        }
    }
}
