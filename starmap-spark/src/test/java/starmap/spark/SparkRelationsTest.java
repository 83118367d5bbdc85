/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.InvalidInputException;
import starmap.core.graph.KnnGraph;
import starmap.core.relations.CooccurrenceParams;
import starmap.core.relations.Transform;

/** The Spark job in local[2] against the single-machine builder on the same rows: the same matrix, the same graph. */
class SparkRelationsTest {
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = Sessions.local("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void weightedTimedScoredRowsWithGiantCollectionsGiveTheSingleMachineMatrixAndGraph() {
        Planted data = Planted.generate(600, 3000, 11);
        Path csv = data.writeCsv(dir.resolve("rows.csv"));
        CooccurrenceParams p = new CooccurrenceParams(2, 300, 50, 7);
        JobOptions o = new JobOptions(csv.toString(), dir.resolve("out").toString(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("time"), Optional.of("score"), 3, Integer.MAX_VALUE, p,
                10, Transform.PMI, 2_000, 3, false);
        Planted.Reference ref = data.reference(3, p, 10, Transform.PMI, true, true, true, false);

        // the whole matrix, entry by entry, in float as the single machine stores it
        Input in = Input.read(spark, o);
        Items items = SparkRelations.items(in, o);
        assertThat(items.ids).containsExactly(java.util.Arrays.stream(ref.ids()).mapToObj(i -> (Object) (long) i).toArray());
        assertThat(items.occurrences).containsExactly(ref.matrix().occurrences());
        SparkRelations.Matrix matrix = SparkRelations.matrix(spark, o, in, items);
        assertThat(matrix.split()).isEqualTo(ref.matrix().splitCollections()).isEqualTo(3);
        long nnz = 0;
        for (MatrixRow r : matrix.rows().collect()) {
            assertThat(r.columns).hasSameSizeAs(ref.matrix().columns()[r.item]);
            for (int q = 0; q < r.columns.length; q++) {
                assertThat(r.values[q]).as("(%d, %d)", r.item, r.columns[q])
                        .isEqualTo(ref.matrix().get(r.item, r.columns[q]));
            }
            assertThat(r.collections).as("collections of %d", r.item).isEqualTo(ref.matrix().groups()[r.item]);
            nnz += r.columns.length;
        }
        assertThat(nnz).isEqualTo(ref.matrix().nonZeros());

        // the job end to end: the output directory holds the single machine's graph
        SparkRelations.Result result = SparkRelations.run(spark, o, SparkRelations.Log.NONE);
        assertThat(result.graph().graph()).isEqualTo(ref.graph().graph());
        assertThat(result.graph().items()).containsExactly(ref.graph().items());
        assertThat(result.graph().report()).isEqualTo(ref.graph().report());
        Map<String, Object> m = result.manifest();
        assertThat(m).containsEntry("rows", (long) data.item().length).containsEntry("non_zeros", nnz)
                .containsEntry("split_collections", 3L).containsEntry("points", ref.graph().items().length);
        assertOutputHolds(o.output(), ref);
    }

    @Test
    void stringCollectionIdsRankGiantCollectionsAsStrings() {
        Planted data = Planted.generate(300, 1500, 5);
        Path csv = data.writeCsv(dir.resolve("rows.csv"));
        // unweighted, log: the default path (no row sums); ids as strings via a Parquet copy
        Path parquet = dir.resolve("rows.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
                .selectExpr("concat('u', user) AS user", "item").write().parquet(parquet.toString());
        JobOptions o = new JobOptions(parquet.toString(), dir.resolve("out").toString(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS.withMaxCollection(50).withSeed(1), 8, Transform.LOG,
                1_000_000, 0, false);
        Planted.Reference ref = data.reference(1, CooccurrenceParams.DEFAULTS.withMaxCollection(50).withSeed(1), 8,
                Transform.LOG, false, false, false, true);
        SparkRelations.Result r = SparkRelations.run(spark, o, SparkRelations.Log.NONE);
        // collection ids "u1500" < "u1501" < "u1502" (the giant ones) rank as strings, which seeds their split
        assertThat(r.manifest()).containsEntry("split_collections", 3L);
        assertThat(r.graph().graph()).isEqualTo(ref.graph().graph());
        assertThat(r.graph().items()).containsExactly(ref.graph().items());
        assertThat(r.manifest()).containsEntry("id_type", "BIGINT").containsEntry("collection_column", "user");
        // one pass (log): the collection counts come with the strongest edges
        List<Row> items = spark.read().parquet(o.output() + "/items").orderBy("idx").collectAsList();
        assertThat(items.stream().map(x -> x.getLong(0)).toList())
                .isEqualTo(java.util.Arrays.stream(ref.ids()).mapToObj(i -> (long) i).toList());
        assertThat(items.stream().mapToLong(x -> x.getLong(3)).toArray()).containsExactly(ref.matrix().groups());
    }

    @Test
    void badRowsAreNamedAndNothingIsWritten() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "user,item,weight\n1,1,2\n1,2,1\n2,1,-3\n2,3,1\n3,3,-1\n");
        JobOptions o = JobOptions.of(csv.toString(), dir.resolve("out").toString());
        assertThatThrownBy(() -> SparkRelations.run(spark, o, SparkRelations.Log.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv").hasMessageContaining("row 3").hasMessageContaining("weight")
                .hasMessageContaining("2 rows like this");
        assertThat(dir.resolve("out").resolve(GraphOutput.MANIFEST)).doesNotExist();
        JobOptions missing = new JobOptions(csv.toString(), dir.resolve("out").toString(), Optional.empty(),
                Optional.of("basket"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1,
                Integer.MAX_VALUE, CooccurrenceParams.DEFAULTS, 15, Transform.LOG, 1000, 0, false);
        assertThatThrownBy(() -> SparkRelations.run(spark, missing, SparkRelations.Log.NONE))
                .hasMessageContaining("basket").hasMessageContaining("user, item, weight");
    }

    /** items/ and neighbors/ as written: ids, ranks, distances and co-occurrence values of the reference. */
    static void assertOutputHolds(String out, Planted.Reference ref) {
        KnnGraph g = ref.graph().graph();
        List<Row> nb = spark.read().parquet(out + "/neighbors").orderBy("graph_row", "rank").collectAsList();
        assertThat(nb).hasSize(g.size() * g.k());
        for (Row r : nb) {
            int row = r.getInt(0);
            int j = r.getInt(1);
            int item = ref.graph().items()[row];
            int neighbor = ref.graph().items()[g.neighbor(row, j)];
            assertThat(r.getInt(2)).isEqualTo(g.neighbor(row, j));
            assertThat(r.getFloat(3)).isEqualTo(g.distance(row, j));
            assertThat(r.getLong(4)).isEqualTo(ref.ids()[item]);
            assertThat(r.getLong(5)).isEqualTo(ref.ids()[neighbor]);
            float value = ref.matrix().get(item, neighbor);
            if (r.isNullAt(6)) {
                assertThat(value).as("a walked neighbour is not a direct edge or not among the k strongest")
                        .isNotNull();
            } else {
                assertThat(r.getFloat(6)).isEqualTo(value);
            }
        }
        List<Row> items = spark.read().parquet(out + "/items").orderBy("idx").collectAsList();
        assertThat(items).hasSize(ref.ids().length);
        for (Row r : items) {
            int idx = r.getInt(1);
            assertThat(r.getLong(0)).isEqualTo(ref.ids()[idx]);
            assertThat(r.getLong(2)).isEqualTo(ref.matrix().occurrences()[idx]);
            assertThat(r.getLong(3)).isEqualTo(ref.matrix().groups()[idx]);
        }
        assertThat(Path.of(out, GraphOutput.MANIFEST)).exists();
    }
}
