/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.store.exporters.ExportFormat;
import starmap.store.exporters.ExportOptions;
import starmap.store.exporters.ExportReport;
import starmap.store.exporters.Exporter;

/** {@code starmap export}: an atlas out to CSV, Parquet, JSON Lines or NPY. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export points with their metadata, current labels, tags and deleted flag, and optionally a "
                + "layout's coordinates and the vectors.",
            "",
            "csv/parquet/json (JSON Lines): one file. npy: a float32 matrix (the layout's coordinates, else the vectors) in FILE and the",
            "row-aligned metadata in FILE's name with .csv."},
        footer = {"", "Examples:",
            "  starmap export fmnist.duckdb --format parquet --out fmnist.parquet --vectors",
            "  starmap export fmnist.duckdb --layout tsne-2d --format csv --out map.csv --drop-deleted",
            "  starmap export fmnist.duckdb --layout tsne-2d --format npy --out map.npy",
            "  starmap export fmnist.duckdb --format json --out changes.jsonl --changed-since 120"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", description = "The atlas file.")
    Path atlas;

    @Option(names = "--layout", paramLabel = "NAME", description = "Include this layout's coordinates (x, y[, z]).")
    String layout;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv, parquet, json (JSON Lines) or npy.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Option(names = "--vectors", description = "Include the vectors (csv: vector_0 …; parquet: a list column).")
    boolean vectors;

    @Option(names = "--drop-deleted", description = "Leave out points marked deleted.")
    boolean dropDeleted;

    @Option(names = "--overwrite", description = "Replace FILE if it exists.")
    boolean overwrite;

    @Option(names = "--changed-since", paramLabel = "SEQ", description = "Only the points an annotation (or an undo "
            + "or redo) after log entry SEQ touched: a diff against that point of the history (seq numbers are in "
            + "the viewer's history list and the annotations API).")
    Long changedSince;

    @Override
    public Integer call() {
        ExportReport r = Exporter.run(new ExportOptions(atlas, Optional.ofNullable(layout), ExportFormat.parse(format),
                out, vectors, dropDeleted, overwrite, changedSince == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(changedSince)), new ConsoleProgress(System.err, true));
        var w = spec.commandLine().getOut();
        w.printf("Exported %,d points to %s%n", r.rows(), String.join(" and ",
                r.files().stream().map(Path::toString).toList()));
        w.println("  columns  " + String.join(", ", r.columns()));
        return 0;
    }
}
