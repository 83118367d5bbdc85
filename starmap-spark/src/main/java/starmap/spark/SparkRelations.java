/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import starmap.core.InvalidInputException;
import starmap.core.knn.TopK;
import starmap.core.parallel.Parallel;
import starmap.core.progress.Progress;
import starmap.core.relations.CooccurrenceMatrix;
import starmap.core.relations.Notes;
import starmap.core.relations.RelationGraph;
import starmap.core.relations.Sparsifier;
import starmap.core.relations.Transform;

/**
 * The job: collections → kept items → co-occurrence rows → each item's k strongest edges → the graph with
 * fill-in → the output directory ({@link GraphOutput}).
 *
 * <p>Shuffles: the rows once by collection (so that a task holds whole collections), then the partial rows
 * once by item; besides, the items are counted and the collections' sizes are counted. Only per-item data reaches the driver: the item counts (to rank and keep items), the row
 * sums for PMI, and each item's k strongest edges, on which core's {@link Sparsifier#complete} walks the
 * fill-in as on one machine.
 */
public final class SparkRelations {
    private SparkRelations() {
    }

    /** What the job read and built, as the manifest records it. */
    public record Result(Map<String, Object> manifest, RelationGraph graph) {
    }

    /** Runs the job and writes its output directory. */
    public static Result run(SparkSession spark, JobOptions o, Log log) {
        GraphOutput.prepare(spark, o);
        Metrics metrics = new Metrics();
        spark.sparkContext().addSparkListener(metrics);
        try {
            return stages(spark, o, log, metrics);
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }

    private static Result stages(SparkSession spark, JobOptions o, Log log, Metrics metrics) {
        Map<String, Double> timings = new LinkedHashMap<>();
        if (!spark.sparkContext().getConf().contains("spark.sql.shuffle.partitions")) {
            // Spark's 200 suits a cluster; the SQL steps here (counts by item and by collection) aggregate
            // early, and adaptive execution merges small partitions anyway
            spark.conf().set("spark.sql.shuffle.partitions", Math.max(8, 4 * spark.sparkContext().defaultParallelism()));
        }
        long t0 = System.nanoTime();
        Input in = Input.read(spark, o);
        log.stage("counting items");
        Items items = items(in, o);
        List<String> warnings = new ArrayList<>();
        if (items.belowMinCount + items.beyondMaxItems > 0) {
            warnings.add(Notes.droppedItems(items.belowMinCount, o.minCount(), items.beyondMaxItems, o.maxItems(),
                    items.droppedRows));
        }
        if (items.kept() < 2) {
            throw InvalidInputException.in(o.input()).problem(Notes.tooFewItems(items.kept(), items.read, o.minCount(),
                    o.k()));
        }
        timings.put("read", seconds(t0));

        long t1 = System.nanoTime();
        log.stage("co-occurrence of " + items.kept() + " items");
        Matrix matrix = matrix(spark, o, in, items);
        if (matrix.singletons > 0) {
            warnings.add(Notes.singleItemCollections(matrix.singletons));
        }
        JavaRDD<MatrixRow> rows = matrix.rows;
        int n = items.kept();
        List<ItemEdges> strongest = strongest(spark, rows, items, o, log);
        matrix.release();
        timings.put("cooccurrence", seconds(t1));

        long t2 = System.nanoTime();
        log.stage("neighbour graph (k = " + o.k() + ", " + o.transform().cliName() + ")");
        int[][] columns = new int[n][];
        float[][] distances = new float[n][];
        float[][] values = new float[n][];
        long nonZeros = 0;
        for (ItemEdges s : strongest) {
            columns[s.item] = s.columns;
            distances[s.item] = s.distances;
            values[s.item] = s.values;
            nonZeros += s.nonZeros;
        }
        strongest = null;
        for (int i = 0; i < n; i++) {
            if (columns[i] == null) {
                columns[i] = new int[0];
                distances[i] = new float[0];
                values[i] = new float[0];
            }
        }
        RelationGraph graph;
        try (Parallel par = Parallel.ofAvailableProcessors()) {
            graph = Sparsifier.complete(columns, distances, o.k(), o.transform(), par, Progress.NONE);
        }
        if (graph.report().leftOut() > 0) {
            // said here, not in the manifest's warnings: the importer says it again from the report
            log.stage(Notes.leftOut(graph.report()));
        }
        timings.put("graph", seconds(t2));

        long t3 = System.nanoTime();
        log.stage("writing " + o.output());
        GraphOutput.write(spark, o, items, graph, columns, values);
        timings.put("write", seconds(t3));
        Map<String, Object> m = manifest(spark, o, in, items, matrix, nonZeros, graph, warnings, timings);
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
        } catch (java.util.concurrent.TimeoutException e) {
            log.stage("task metrics incomplete: " + e.getMessage());
        }
        m.put("spark_metrics", metrics.toMap());
        GraphOutput.manifest(spark, o, m);
        return new Result(m, graph);
    }

    /** Reads and ranks the items. */
    static Items items(Input in, JobOptions o) {
        List<Row> counts = in.rows.groupBy("b").agg(count(lit(1)).as("n")).collectAsList();
        if (counts.isEmpty()) {
            throw InvalidInputException.in(o.input()).problem("has no rows");
        }
        return Items.of(counts, o.minCount(), o.maxItems());
    }

    /** The matrix rows (lazy), and what the collections' sizes tell (computed). */
    record Matrix(JavaRDD<MatrixRow> rows, long collections, long singletons, long split, List<Broadcast<?>> broadcasts) {
        /** Frees the broadcast ids and ranks, once the rows have been read. */
        void release() {
            broadcasts.forEach(b -> b.destroy());
        }
    }

    /**
     * The co-occurrence matrix as rows: the kept rows are shuffled by collection (whole collections per
     * task, sorted), paired in batches by core, and the partial rows shuffled by item and added up. The
     * giant collections (larger than the cap) are ranked in id order on the driver, as their rank seeds
     * their split.
     */
    static Matrix matrix(SparkSession spark, JobOptions o, Input in, Items items) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Object[]> ids = jsc.broadcast(items.ids);
        Dataset<Row> kept = keptRows(spark, in, ids);
        int cap = o.cooccurrence().maxCollection();
        Dataset<Row> sizes = kept.groupBy("a").agg(count(lit(1)).as("size"));
        sizes.persist(StorageLevel.MEMORY_AND_DISK());
        Row stats = sizes.agg(count(lit(1)), sum(when(col("size").equalTo(1), 1).otherwise(0)),
                sum(when(col("size").gt(cap), 1).otherwise(0))).first();
        HashMap<Object, Long> giants = new HashMap<>();
        for (Row r : sizes.filter(col("size").gt(cap)).select("a").orderBy("a").collectAsList()) {
            giants.put(r.get(0), (long) giants.size());
        }
        sizes.unpersist();
        Broadcast<HashMap<Object, Long>> ranks = jsc.broadcast(giants);
        // about one batch per task: the more rows a batch pairs, the more of its partial sums are combined
        int partitions = o.partitions() > 0 ? o.partitions()
                : (int) Math.max(spark.sparkContext().defaultParallelism(), Math.min(100_000,
                        (items.rows - items.droppedRows) / o.batchRows()));
        Dataset<Row> keyed = kept.select(keyedColumns(in)).repartition(partitions, col("a")).sortWithinPartitions("a");
        int n = items.kept();
        JavaRDD<MatrixRow> rows = keyed.javaRDD()
                .mapPartitionsToPair(new PartialRows(n, o.batchRows(), o.cooccurrence(), in.weighted, in.timed,
                        in.attributed, ranks))
                .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
                .mapPartitions(new MergeRows(n));
        return new Matrix(rows, stats.getLong(0), stats.isNullAt(1) ? 0 : stats.getLong(1),
                stats.isNullAt(2) ? 0 : stats.getLong(2), List.of(ids, ranks));
    }

    /** Rows of kept items, with their item ordinal (idx) in place of the id. */
    private static Dataset<Row> keptRows(SparkSession spark, Input in, Broadcast<Object[]> ids) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int kept = ids.value().length;
        JavaRDD<Row> rows = GraphOutput.chunks(jsc, kept, 1_000_000).flatMap(r -> java.util.stream.IntStream
                .range(r[0], r[1]).mapToObj(i -> RowFactory.create(ids.value()[i], i)).iterator());
        StructType schema = new StructType().add("b", in.numericIds ? DataTypes.LongType : DataTypes.StringType, false)
                .add("idx", DataTypes.IntegerType, false);
        Dataset<Row> table = spark.createDataFrame(rows, schema);
        // up to a few million ids travel to every task; beyond that a shuffle join is cheaper
        return in.rows.join(kept <= 4_000_000 ? broadcast(table) : table, "b").drop("b");
    }

    private static org.apache.spark.sql.Column[] keyedColumns(Input in) {
        List<org.apache.spark.sql.Column> c = new ArrayList<>(List.of(col("a"), col("idx")));
        if (in.weighted) {
            c.add(col("w"));
        }
        if (in.timed) {
            c.add(col("t"));
        }
        if (in.attributed) {
            c.add(col("x"));
        }
        return c.toArray(org.apache.spark.sql.Column[]::new);
    }

    /**
     * Each item's k strongest edges, and the items' distinct collections into {@code items}. PMI and PPMI
     * need every row's sum first, Jaccard every item's collections: the rows are then kept (memory, then
     * disk) while those are gathered.
     */
    private static List<ItemEdges> strongest(SparkSession spark, JavaRDD<MatrixRow> rows, Items items, JobOptions o,
            Log log) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int n = items.kept();
        Transform t = o.transform();
        boolean twoPasses = t.usesRowSums() || t.usesGroups();
        double[] rowSum = new double[t.usesRowSums() ? n : 0];
        double total = 0;
        if (twoPasses) {
            rows.persist(StorageLevel.MEMORY_AND_DISK_SER());
            for (scala.Tuple3<Integer, Double, Long> s : rows.map(r -> new scala.Tuple3<>(r.item,
                    CooccurrenceMatrix.sum(r.values, r.values.length), r.collections)).collect()) {
                if (rowSum.length > 0) {
                    rowSum[s._1()] = s._2();
                }
                items.collections[s._1()] = s._3();
            }
            total = Sparsifier.total(rowSum);
            log.stage("row sums and collection counts gathered");
        }
        Broadcast<double[]> sums = jsc.broadcast(rowSum);
        Broadcast<long[]> groups = jsc.broadcast(t.usesGroups() ? items.collections : new long[0]);
        int k = o.k();
        double tot = total;
        List<ItemEdges> out = rows.mapPartitions(it -> {
            TopK top = new TopK(k);
            List<ItemEdges> list = new ArrayList<>();
            while (it.hasNext()) {
                MatrixRow r = it.next();
                Sparsifier.Strongest s = Sparsifier.strongest(r.item, r.columns, r.values, r.columns.length, t,
                        sums.value(), groups.value(), tot, top);
                float[] v = new float[s.columns().length];
                for (int q = 0; q < v.length; q++) {
                    v[q] = valueOf(r.columns, r.values, s.columns()[q]);
                }
                list.add(new ItemEdges(r.item, s.columns(), s.distances(), v, r.columns.length, r.collections));
            }
            return list.iterator();
        }).collect();
        rows.unpersist();
        sums.destroy();
        groups.destroy();
        for (ItemEdges s : out) {
            items.collections[s.item] = s.collections; // the one-pass transforms learn them only here
        }
        return out;
    }

    /** The value of {@code column} in a sparse row, NaN where absent. */
    static float valueOf(int[] columns, float[] values, int column) {
        for (int p = 0; p < columns.length; p++) {
            if (columns[p] == column) {
                return values[p];
            }
        }
        return Float.NaN;
    }

    private static Map<String, Object> manifest(SparkSession spark, JobOptions o, Input in, Items items,
            Matrix matrix, long nonZeros, RelationGraph graph, List<String> warnings, Map<String, Double> timings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", GraphOutput.FORMAT);
        m.put("version", GraphOutput.VERSION);
        m.put("engine", "spark " + spark.version());
        m.put("master", spark.sparkContext().master());
        m.put("source", GraphOutput.qualified(spark, o.input()));
        m.put("kind", "collections");
        m.put("collection_column", in.collectionColumn);
        m.put("item_column", in.itemColumn);
        m.put("id_type", in.numericIds ? "BIGINT" : "VARCHAR");
        m.put("min_count", o.minCount());
        m.put("max_items", o.maxItems());
        m.putAll(o.cooccurrence().toMap());
        m.put("k", o.k());
        m.put("transform", o.transform().cliName());
        m.put("rows", items.rows);
        m.put("items", items.read);
        m.put("below_min_count", items.belowMinCount);
        m.put("beyond_max_items", items.beyondMaxItems);
        m.put("dropped_rows", items.droppedRows);
        m.put("collections", matrix.collections);
        m.put("singletons", matrix.singletons);
        m.put("split_collections", matrix.split);
        m.put("non_zeros", nonZeros);
        m.put("graph", graph.report().toMap());
        m.put("points", graph.items().length);
        m.put("warnings", warnings);
        m.put("timings_s", timings);
        return m;
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    /** Where the job reports its stages. */
    @FunctionalInterface
    public interface Log {
        void stage(String what);

        Log NONE = what -> { };
    }
}
