/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.relations.RelationGraph;

/**
 * The output directory: {@code items/} and {@code neighbors/} as Parquet, then {@code _starmap.json}, written
 * last, so that a directory without it is an unfinished run that the importer refuses. The layout is
 * documented in docs/relations.md.
 */
final class GraphOutput {
    static final String FORMAT = "starmap-relations-graph";
    static final int VERSION = 1;
    static final String MANIFEST = "_starmap.json";
    private static final int ROWS_PER_FILE = 4_000_000;

    private GraphOutput() {
    }

    /** Refuses an existing output directory, or with --overwrite removes it, before anything is read. */
    static void prepare(SparkSession spark, JobOptions o) {
        try {
            Path out = new Path(o.output());
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(out)) {
                if (!o.overwrite()) {
                    throw InvalidInputException.in(o.output()).problem("exists; pass --overwrite to replace it");
                }
                fs.delete(out, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows written: by graph row, the item and its neighbours with distances and co-occurrence values. */
    private static final class Graph implements Serializable {
        private static final long serialVersionUID = 1L;

        final Object[] ids;
        final int[] itemOf;
        final int[] neighbor;
        final float[] distance;
        final float[] value;
        final int k;

        Graph(Object[] ids, int[] itemOf, int[] neighbor, float[] distance, float[] value, int k) {
            this.ids = ids;
            this.itemOf = itemOf;
            this.neighbor = neighbor;
            this.distance = distance;
            this.value = value;
            this.k = k;
        }
    }

    static void write(SparkSession spark, JobOptions o, Items items, RelationGraph graph, int[][] direct,
            float[][] values) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DataType id = items.ids.length > 0 && items.ids[0] instanceof String ? DataTypes.StringType : DataTypes.LongType;
        KnnGraph g = graph.graph();
        int k = g.k();
        int points = g.size();
        int[] itemOf = graph.items();
        float[] value = new float[Math.multiplyExact(points, k)];
        for (int r = 0; r < points; r++) {
            int i = itemOf[r];
            for (int j = 0; j < k; j++) {
                value[r * k + j] = SparkRelations.valueOf(direct[i], values[i], itemOf[g.neighbor(r, j)]);
            }
        }
        Broadcast<Graph> b = jsc.broadcast(new Graph(items.ids, itemOf, g.indices(), g.distances(), value, k));
        StructType neighbors = new StructType().add("graph_row", DataTypes.IntegerType, false)
                .add("rank", DataTypes.IntegerType, false).add("neighbor_row", DataTypes.IntegerType, false)
                .add("distance", DataTypes.FloatType, false).add("item", id, false).add("neighbor", id, false)
                .add("weight", DataTypes.FloatType, true);
        JavaRDD<Row> nb = chunks(jsc, points, Math.max(1, ROWS_PER_FILE / k)).flatMap(range -> {
            Graph x = b.value();
            List<Row> rows = new ArrayList<>();
            for (int r = range[0]; r < range[1]; r++) {
                for (int j = 0; j < x.k; j++) {
                    int e = r * x.k + j;
                    float v = x.value[e];
                    rows.add(RowFactory.create(r, j, x.neighbor[e], x.distance[e], x.ids[x.itemOf[r]],
                            x.ids[x.itemOf[x.neighbor[e]]], Float.isNaN(v) ? null : v));
                }
            }
            return rows.iterator();
        });
        spark.createDataFrame(nb, neighbors).write().mode(SaveMode.Overwrite).parquet(o.output() + "/neighbors");

        int[] rowOf = new int[items.kept()];
        java.util.Arrays.fill(rowOf, -1);
        for (int r = 0; r < points; r++) {
            rowOf[itemOf[r]] = r;
        }
        Broadcast<Items> bi = jsc.broadcast(items);
        Broadcast<int[]> br = jsc.broadcast(rowOf);
        StructType schema = new StructType().add("item", id, false).add("idx", DataTypes.IntegerType, false)
                .add("occurrences", DataTypes.LongType, false).add("collections", DataTypes.LongType, false)
                .add("graph_row", DataTypes.IntegerType, true);
        JavaRDD<Row> it = chunks(jsc, items.kept(), ROWS_PER_FILE).flatMap(range -> IntStream.range(range[0], range[1])
                .mapToObj(i -> RowFactory.create(bi.value().ids[i], i, bi.value().occurrences[i],
                        bi.value().collections[i], br.value()[i] < 0 ? null : br.value()[i])).iterator());
        spark.createDataFrame(it, schema).write().mode(SaveMode.Overwrite).parquet(o.output() + "/items");
        b.destroy();
        bi.destroy();
        br.destroy();
    }

    /** [start, end) ranges of at most {@code per} out of {@code n}, one task each. */
    static JavaRDD<int[]> chunks(JavaSparkContext jsc, int n, int per) {
        List<int[]> ranges = new ArrayList<>();
        for (int s = 0; s < n; s += per) {
            ranges.add(new int[] {s, Math.min(n, s + per)});
        }
        return jsc.parallelize(ranges, Math.max(1, ranges.size()));
    }

    /** A path as Hadoop resolves it (scheme and absolute path), as the manifest records the source. */
    static String qualified(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (IOException e) {
            return path;
        }
    }

    static void manifest(SparkSession spark, JobOptions o, Map<String, Object> m) {
        try {
            Path file = new Path(o.output(), MANIFEST);
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream os = fs.create(file, true)) {
                os.write(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
