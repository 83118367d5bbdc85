/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats Starmap imports. */
public enum SourceFormat {
    NPY("npy"),
    PARQUET("parquet"),
    CSV("csv"),
    TSV("tsv"),
    JSONL("jsonl"),
    IDX("idx"),
    FVECS("fvecs"),
    IVECS("ivecs"),
    BVECS("bvecs"),
    /** One label per line; only for {@code --labels}. */
    TEXT("text");

    private final String cliName;

    SourceFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used by {@code --format}. */
    public String cliName() {
        return cliName;
    }

    /** Parses a {@code --format} value. */
    public static SourceFormat parse(String s) {
        for (SourceFormat f : values()) {
            if (f.cliName.equals(s.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw starmap.core.InvalidInputException.in("--format").problem("unknown format '" + s + "'; expected one of "
                + Arrays.stream(values()).map(SourceFormat::cliName).collect(Collectors.joining(", ")));
    }

    /** Guesses the format from a file name, looking through a trailing {@code .gz}. */
    public static Optional<SourceFormat> detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".npy")) {
            return Optional.of(NPY);
        } else if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return Optional.of(PARQUET);
        } else if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        } else if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Optional.of(TSV);
        } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        } else if (name.endsWith(".idx") || name.matches(".*idx[1-4]-ubyte")) {
            return Optional.of(IDX);
        } else if (name.endsWith(".fvecs")) {
            return Optional.of(FVECS);
        } else if (name.endsWith(".ivecs")) {
            return Optional.of(IVECS);
        } else if (name.endsWith(".bvecs")) {
            return Optional.of(BVECS);
        } else if (name.endsWith(".txt") || name.endsWith(".labels")) {
            return Optional.of(TEXT);
        }
        return Optional.empty();
    }

    /** Whether a file of this format is a table of named columns. */
    public boolean isTable() {
        return this == CSV || this == TSV || this == JSONL || this == PARQUET;
    }
}
