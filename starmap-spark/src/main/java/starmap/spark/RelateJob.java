/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import starmap.core.StarmapException;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;

/**
 * The Spark job's entry point, for {@code spark-submit} and for {@code starmap relate --engine spark}:
 *
 * <pre>spark-submit --class starmap.spark.RelateJob starmap-spark.jar COLLECTIONS --out DIR [options]</pre>
 *
 * <p>Without a master from spark-submit or {@code --master}, it runs in local mode on all cores.
 */
@Command(name = "starmap-spark relate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Collections to the k-nearest-neighbour graph of their items, on Spark; writes a directory that "
                + "`starmap relate DIR --atlas A.duckdb` imports.")
public final class RelateJob implements Callable<Integer> {
    @Parameters(paramLabel = "COLLECTIONS", description = "Rows (collection, item[, weight][, time][, attribute]): a "
            + "Parquet, CSV, TSV or JSON Lines file, or a directory of them (any path Spark reads).")
    String input;

    @Option(names = "--out", required = true, description = "The output directory.")
    String out;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = "--master", description = "Spark master URL (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = "--format", description = "parquet, csv, tsv or json (default: from the extension).")
    String format;

    @Option(names = "--collection-column", description = "Collection column (default: the first).")
    String collectionColumn;

    @Option(names = "--item-column", description = "Item column (default: the second).")
    String itemColumn;

    @Option(names = "--weight-column", description = "Per-row weight (default: a column named weight, if any).")
    String weightColumn;

    @Option(names = "--time-column", description = "Timestamp per row, for --time-scale.")
    String timeColumn;

    @Option(names = "--time-scale", defaultValue = "0", description = "Time apart at which a pair weighs 1/e (0: off).")
    double timeScale;

    @Option(names = "--attribute-column", description = "Numeric attribute per row, for --attribute-scale.")
    String attributeColumn;

    @Option(names = "--attribute-scale", defaultValue = "0", description = "Attribute difference at which a pair "
            + "weighs 1/e (0: off).")
    double attributeScale;

    @Option(names = "--max-collection", defaultValue = "1000", description = "Collections larger than this are split "
            + "into seeded random parts (default: ${DEFAULT-VALUE}).")
    int maxCollection;

    @Option(names = "--min-count", defaultValue = "1", description = "Drop items seen in fewer rows.")
    int minCount;

    @Option(names = "--max-items", description = "Keep only the most frequent items (default: all).")
    Integer maxItems;

    @Option(names = "--k", defaultValue = "15", description = "Neighbours per item (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--transform", defaultValue = "log", description = "log, pmi, ppmi or jaccard.")
    String transform;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split of giant collections "
            + "(default: ${DEFAULT-VALUE}, as starmap relate).")
    long seed;

    @Option(names = "--batch-rows", defaultValue = "1000000", description = "Rows of whole collections a task "
            + "pairs at once; larger sums more pairs before the shuffle, at more memory (default: ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions of the two shuffles (default: "
            + "from the data size and the cluster).")
    int partitions;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; the exit code (0 done, 1 failed, 2 bad input or usage). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new RelateJob());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof StarmapException) {
                line.getErr().println("starmap-spark: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws java.io.IOException {
        JobOptions o = new JobOptions(input, out, Optional.ofNullable(format), Optional.ofNullable(collectionColumn),
                Optional.ofNullable(itemColumn), Optional.ofNullable(weightColumn), Optional.ofNullable(timeColumn),
                Optional.ofNullable(attributeColumn), minCount, maxItems == null ? Integer.MAX_VALUE : maxItems,
                new CooccurrenceParams(attributeScale, timeScale, maxCollection, seed), k, Transform.parse(transform),
                batchRows, partitions, overwrite);
        long t0 = System.nanoTime();
        try (SparkSession spark = session(master)) {
            SparkRelations.Result r = SparkRelations.run(spark, o,
                    what -> System.err.printf(Locale.ROOT, "starmap-spark: [%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9,
                            what));
            Map<String, Object> m = r.manifest();
            for (Object w : (Iterable<?>) m.get("warnings")) {
                System.err.println("starmap-spark: note: " + w);
            }
            System.out.printf(Locale.ROOT, "%s: %,d rows, %,d items kept, %,d non-zeros → %,d items × k = %d in %.1f s "
                    + "(%s)%n", o.output(), (Long) m.get("rows"), r.graph().items().length + r.graph().report().leftOut(),
                    (Long) m.get("non_zeros"), r.graph().items().length, o.k(), (System.nanoTime() - t0) / 1e9,
                    m.get("timings_s"));
            Map<?, ?> metrics = (Map<?, ?>) m.get("spark_metrics");
            System.out.printf(Locale.ROOT, "  spark: %d tasks, shuffle written %,d MB, spilled %,d MB in memory, %,d MB to "
                    + "disk%n", (Long) metrics.get("tasks"), (Long) metrics.get("shuffle_write_bytes") >> 20,
                    (Long) metrics.get("spill_memory_bytes") >> 20, (Long) metrics.get("spill_disk_bytes") >> 20);
        }
        return 0;
    }

    /**
     * The session: the given master, else spark-submit's, else local mode on all cores; Kryo for the
     * shuffled rows; UTC for timestamps, as the single-machine importer reads them.
     */
    public static SparkSession session(String master) {
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("starmap relate")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .config("spark.kryo.classesToRegister", "starmap.spark.PartialRow,starmap.spark.MatrixRow,"
                        + "starmap.spark.ItemEdges")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false");
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        b.master(m);
        if (!m.startsWith("local") && !conf.contains("spark.jars")) {
            // started without spark-submit (starmap relate --master): executors elsewhere need this jar
            ownJar().ifPresent(jar -> b.config("spark.jars", jar));
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /** The jar this class was loaded from, if it was loaded from a jar. */
    private static Optional<String> ownJar() {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(RelateJob.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            return p.toString().endsWith(".jar") ? Optional.of(p.toString()) : Optional.empty();
        } catch (java.net.URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
