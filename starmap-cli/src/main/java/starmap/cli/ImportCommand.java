/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.store.ColumnInfo;
import starmap.store.importers.ImportOptions;
import starmap.store.importers.ImportReport;
import starmap.store.importers.Importer;
import starmap.store.importers.SourceFormat;

/** {@code starmap import}: files into a new atlas. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import vectors and metadata into a new atlas (a DuckDB file).",
            "",
            "Formats: npy, parquet, csv, tsv, jsonl, idx (MNIST, gzip or not), fvecs, ivecs, bvecs.",
            "Several SOURCEs are concatenated; --metadata and --labels files line up with them row by row.",
            "The atlas is written only if the whole import succeeds."},
        footer = {"", "Examples:",
            "  starmap import train-images-idx3-ubyte.gz t10k-images-idx3-ubyte.gz --atlas fmnist.duckdb",
            "  starmap import emb.npy --metadata meta.csv --id image_id --atlas imgs.duckdb --images-root /data/imgs",
            "  starmap import points.parquet --vector embedding --atlas pts.duckdb",
            "  starmap import table.csv --vector-columns 'f*' --id name --atlas t.duckdb"})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SOURCE", arity = "1..*", description = "Files whose rows become the points.")
    List<Path> sources;

    @Option(names = "--atlas", required = true, paramLabel = "ATLAS", description = "The atlas file to create.")
    Path atlas;

    @Option(names = "--id", paramLabel = "COL",
            description = "Column holding point ids. Default: a column named 'id', else the row number.")
    String id;

    @Option(names = "--vector", paramLabel = "COL",
            description = "Column whose cells hold whole vectors ([0.1, 0.2] or '0.1 0.2'; a list in Parquet/JSON). "
                    + "Default: the one such column, if exactly one exists.")
    String vector;

    @Option(names = "--vector-columns", paramLabel = "GLOB",
            description = "Glob naming the numeric columns that form the vector, e.g. 'f*' or 'dim_?'.")
    String vectorColumns;

    @Option(names = "--metadata", paramLabel = "FILE",
            description = "A CSV/TSV/JSONL/Parquet file of further columns, row-aligned with the sources. Repeatable.")
    List<Path> metadata = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels, row-aligned with the sources: IDX, 1-D npy, one per line (.txt), or a one-column "
                    + "table. Repeat for several sources. Default for IDX images: the sibling *-labels-idx1-* file.")
    List<Path> labels = new ArrayList<>();

    @Option(names = "--label-names", paramLabel = "NAMES", split = ",",
            description = "Names for integer labels 0, 1, 2, … (comma-separated).")
    List<String> labelNames = new ArrayList<>();

    @Option(names = "--images-root", paramLabel = "DIR",
            description = "Directory that image paths are relative to. Default: the directory of the file holding them.")
    Path imagesRoot;

    @Option(names = "--image", paramLabel = "COL",
            description = "Column holding image paths. Default: the text column whose values end in .png, .jpg, ….")
    String image;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of the sources when their names do not tell it: npy, parquet, csv, tsv, jsonl, idx, "
                    + "fvecs, ivecs, bvecs.")
    String format;

    @Option(names = "--no-header", negatable = false, description = "CSV/TSV files have no header row "
            + "(columns are named column0, column1, …).")
    boolean noHeader;

    @Option(names = "--replace", description = "Replace ATLAS if it exists (only once the import has succeeded).")
    boolean replace;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        ImportOptions.Builder b = ImportOptions.builder(atlas, sources).header(!noHeader).metadata(metadata)
                .labels(labels).labelNames(labelNames).replace(replace);
        if (id != null) {
            b.idColumn(id);
        }
        if (vector != null) {
            b.vectorColumn(vector);
        }
        if (vectorColumns != null) {
            b.vectorColumns(vectorColumns);
        }
        if (imagesRoot != null) {
            b.imagesRoot(imagesRoot);
        }
        if (image != null) {
            b.imageColumn(image);
        }
        if (format != null) {
            b.format(SourceFormat.parse(format));
        }
        ImportReport r = Importer.run(b.build(), new ConsoleProgress(System.err, quiet));
        print(r, spec.commandLine().getOut());
        return 0;
    }

    private static void print(ImportReport r, PrintWriter out) {
        out.printf("Imported %,d points into %s in %.1f s%n", r.points(), r.atlas(), r.elapsed().toMillis() / 1000.0);
        out.println(r.vectorDim() > 0 ? String.format("  vectors  %d dimensions, float32", r.vectorDim())
                : "  vectors  none (pass --vector or --vector-columns if the file has them)");
        List<String> cols = new ArrayList<>();
        for (ColumnInfo c : r.columns()) {
            cols.add(c.name() + " " + c.type().sql().toLowerCase(java.util.Locale.ROOT)
                    + (c.role() == starmap.store.ColumnRole.METADATA ? "" : " (" + c.role().sql() + ")"));
        }
        out.println("  columns  " + String.join(", ", cols));
        r.images().ifPresent(i -> out.println("  images   " + i.describe()));
        for (String w : r.warnings()) {
            out.println("  warning: " + w);
        }
        out.println("Next: starmap info " + r.atlas());
    }
}
