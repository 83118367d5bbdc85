/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import starmap.core.InvalidInputException;

/** Opens the right {@link SourceReader} for a file and the role it plays in an import. */
final class Readers {
    private Readers() {
    }

    /** What a file contributes. */
    enum Role { SOURCE, METADATA, LABELS }

    static SourceReader open(Path path, Optional<SourceFormat> forced, Role role, TableOptions opts)
            throws IOException {
        String file = path.toString();
        if (!Files.exists(path)) {
            throw InvalidInputException.in(file).problem("does not exist");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw InvalidInputException.in(file).problem("is not a readable file");
        }
        if (Files.size(path) == 0) {
            throw InvalidInputException.in(file).problem("is empty");
        }
        SourceFormat format = forced.or(() -> SourceFormat.detect(path)).orElseThrow(() ->
                InvalidInputException.in(file).problem("has a name that does not tell its format; pass --format "
                        + "(npy, parquet, csv, tsv, jsonl, idx, fvecs, ivecs, bvecs)"));
        return switch (role) {
            case SOURCE -> source(path, format, opts);
            case METADATA -> metadata(path, format, opts);
            case LABELS -> labels(path, format, opts);
        };
    }

    private static SourceReader source(Path path, SourceFormat format, TableOptions opts) throws IOException {
        return switch (format) {
            case NPY -> NpyReader.vectors(path);
            case IDX -> IdxReader.vectors(path);
            case FVECS, IVECS, BVECS -> VecsReader.open(path, format);
            case CSV, TSV -> CsvReader.open(path, format, opts);
            case JSONL -> JsonlReader.open(path, opts);
            case PARQUET -> ParquetReader.open(path, opts);
            case TEXT -> throw InvalidInputException.in(path.toString()).problem("is a text file of labels; pass it "
                    + "with --labels");
        };
    }

    private static SourceReader metadata(Path path, SourceFormat format, TableOptions opts) throws IOException {
        TableOptions meta = opts.metadataOnly();
        return switch (format) {
            case CSV, TSV -> CsvReader.open(path, format, meta);
            case JSONL -> JsonlReader.open(path, meta);
            case PARQUET -> ParquetReader.open(path, meta);
            default -> throw InvalidInputException.in(path.toString()).problem("is a ." + format.cliName()
                    + " file; --metadata takes CSV, TSV, JSON Lines or Parquet");
        };
    }

    private static SourceReader labels(Path path, SourceFormat format, TableOptions opts) throws IOException {
        return switch (format) {
            case IDX -> IdxReader.labels(path);
            case NPY -> NpyReader.labels(path);
            case TEXT -> TextLabelsReader.open(path);
            case CSV, TSV, JSONL, PARQUET -> {
                SourceReader r = metadata(path, format, opts);
                if (r.schema().columns().size() != 1) {
                    r.close();
                    throw InvalidInputException.in(path.toString()).problem("has " + r.schema().columns().size()
                            + " columns; a labels file has one (use --metadata for a table of several)");
                }
                yield new RenamedLabels(r);
            }
            default -> throw InvalidInputException.in(path.toString()).problem("is a ." + format.cliName()
                    + " file; --labels takes IDX, NPY, text (one label per line) or a one-column table");
        };
    }
}
