/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static starmap.store.importers.AtlasQueries.one;
import static starmap.store.importers.AtlasQueries.rows;
import static starmap.store.importers.AtlasQueries.vector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import starmap.core.progress.Progress;
import starmap.store.Atlas;
import starmap.store.ColumnRole;
import starmap.store.ColumnType;
import starmap.store.ImageInfo;
import starmap.testkit.TestFiles;

class ImportFormatsIT {
    @TempDir
    Path dir;

    private ImportReport run(ImportOptions.Builder b) {
        return Importer.run(b.build(), Progress.NONE);
    }

    private ImportOptions.Builder into(String atlas, Path... sources) {
        return ImportOptions.builder(dir.resolve(atlas), List.of(sources));
    }

    @Test
    void npy_of_every_numeric_dtype_and_both_orders_becomes_float32() throws Exception {
        // 2 × 3 matrix [[1, 2, 3], [4, 5, 6]]
        ByteBuffer f8 = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer f2 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer i4be = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer u1 = ByteBuffer.allocate(6);
        ByteBuffer fortran = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 6; i++) {
            f8.putDouble(i);
            f2.putShort(Float.floatToFloat16(i));
            i4be.putInt(i);
            u1.put((byte) i);
        }
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                fortran.putFloat(i * 3 + j + 1);
            }
        }
        Object[][] cases = {{"<f8", f8, false}, {"<f2", f2, false}, {">i4", i4be, false}, {"|u1", u1, false},
            {"<f4", fortran, true}};
        for (Object[] c : cases) {
            String name = ((String) c[0]).replaceAll("\\W", "") + ((boolean) c[2] ? "F" : "C");
            Path npy = TestFiles.npy(dir.resolve(name + ".npy"), (String) c[0], (boolean) c[2],
                    ((ByteBuffer) c[1]).array(), 2, 3);
            ImportReport r = run(into(name + ".duckdb", npy));
            assertThat(r.points()).isEqualTo(2);
            assertThat(vector(r.atlas(), 0)).as(name).containsExactly(1, 2, 3);
            assertThat(vector(r.atlas(), 1)).as(name).containsExactly(4, 5, 6);
        }
    }

    @Test
    void a_3d_npy_is_recorded_as_images_from_the_vectors() throws Exception {
        Path npy = TestFiles.npy(dir.resolve("img.npy"), "|u1", false, new byte[2 * 4 * 5], 2, 4, 5);
        ImportReport r = run(into("img.duckdb", npy));
        assertThat(r.vectorDim()).isEqualTo(20);
        assertThat(r.images()).contains(ImageInfo.pixels(4, 5, 1));
        try (Atlas a = Atlas.openReadOnly(r.atlas())) {
            assertThat(a.images()).contains(ImageInfo.pixels(4, 5, 1));
        }
    }

    @Test
    void idx_images_find_their_sibling_labels_and_labels_can_be_named() throws Exception {
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 20);
        }
        Path images = TestFiles.idxUbyte(dir.resolve("train-images-idx3-ubyte.gz"), pixels, true, 3, 2, 2);
        TestFiles.idxUbyte(dir.resolve("train-labels-idx1-ubyte.gz"), new byte[] {2, 0, 1}, true, 3);
        ImportReport r = run(into("mnist.duckdb", images).labelNames(List.of("zero", "one", "two")));
        assertThat(vector(r.atlas(), 2)).containsExactly(160, 180, 200, 220);
        assertThat(rows(r.atlas(), "SELECT id, label FROM points ORDER BY row_idx")).containsExactly(
                List.of(0L, "two"), List.of(1L, "zero"), List.of(2L, "one"));
        assertThat(r.images()).contains(ImageInfo.pixels(2, 2, 1));
        assertThat(r.columns()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("label");
            assertThat(c.role()).isEqualTo(ColumnRole.LABEL);
        });
    }

    @Test
    void uncompressed_idx_with_explicit_labels_and_several_sources_keeps_the_file_of_each_row() throws Exception {
        Path a = TestFiles.idxUbyte(dir.resolve("a.idx"), new byte[] {1, 2, 3, 4}, false, 2, 2);
        Path b = TestFiles.idxUbyte(dir.resolve("b.idx"), new byte[] {5, 6}, false, 1, 2);
        Path la = TestFiles.idxUbyte(dir.resolve("la.idx"), new byte[] {7, 8}, false, 2);
        Path lb = TestFiles.idxUbyte(dir.resolve("lb.idx"), new byte[] {9}, false, 1);
        ImportReport r = run(into("ab.duckdb", a, b).labels(List.of(la, lb)));
        assertThat(rows(r.atlas(), "SELECT label, source_file FROM points ORDER BY row_idx")).containsExactly(
                List.of(7L, "a.idx"), List.of(8L, "a.idx"), List.of(9L, "b.idx"));
        assertThat(vector(r.atlas(), 2)).containsExactly(5, 6);
        assertThat(one(r.atlas(), "SELECT count(*) FROM sources")).isEqualTo(4L);
    }

    @Test
    void fvecs_and_ivecs() throws Exception {
        Path f = TestFiles.fvecs(dir.resolve("base.fvecs"), new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertThat(vector(run(into("f.duckdb", f)).atlas(), 2)).containsExactly(5, 6);
        Path i = TestFiles.ivecs(dir.resolve("gt.ivecs"), new int[] {7, 8, 9}, 1, 3);
        assertThat(vector(run(into("i.duckdb", i)).atlas(), 0)).containsExactly(7, 8, 9);
    }

    @Test
    void csv_with_vector_columns_and_typed_metadata() throws Exception {
        Path csv = Files.writeString(dir.resolve("points.csv"), """
                name,f0,f1,count,score,ok,day,at,note
                a,0.5,1,10,1.5,true,2024-01-02,2024-01-02T03:04:05,"hello, world"
                b,-2e-1,3,-3,2,FALSE,2024-02-29,2024-02-29 10:00:00,"say ""hi""
                twice"
                c,7,8,,,true,,2025-01-01T00:00:00Z,
                """);
        ImportReport r = run(into("csv.duckdb", csv).idColumn("name").vectorColumns("f*"));
        assertThat(r.vectorDim()).isEqualTo(2);
        assertThat(r.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("id:VARCHAR",
                "count:BIGINT", "score:DOUBLE", "ok:BOOLEAN", "day:DATE", "at:TIMESTAMP", "note:VARCHAR");
        assertThat(vector(r.atlas(), 1)).containsExactly(-0.2f, 3f);
        assertThat(rows(r.atlas(), "SELECT id, count, score, ok, note FROM points ORDER BY row_idx")).containsExactly(
                List.of("a", 10L, 1.5, true, "hello, world"), List.of("b", -3L, 2.0, false, "say \"hi\"\ntwice"),
                java.util.Arrays.asList("c", null, null, true, null));
        assertThat(one(r.atlas(), "SELECT day FROM points WHERE id = 'b'").toString()).isEqualTo("2024-02-29");
        assertThat(one(r.atlas(), "SELECT CAST(\"at\" AS VARCHAR) FROM points WHERE id = 'c'")).isEqualTo("2025-01-01 00:00:00");
        assertThat(one(r.atlas(), "SELECT value FROM atlas_info WHERE key = 'id_source'")).isEqualTo("column name");
        assertThat(LocalDate.parse("2024-02-29")).isNotNull();
    }

    @Test
    void a_column_of_whole_vectors_is_found_without_flags_and_tsv_works_the_same() throws Exception {
        Path csv = Files.writeString(dir.resolve("emb.csv"), "id,embedding,label\n7,\"[1, 2, 3]\",x\n9,\"[4,5,6]\",y\n");
        ImportReport r = run(into("emb.duckdb", csv));
        assertThat(r.vectorDim()).isEqualTo(3);
        assertThat(vector(r.atlas(), 1)).containsExactly(4, 5, 6);
        assertThat(rows(r.atlas(), "SELECT id, label FROM points ORDER BY row_idx")).containsExactly(
                List.of(7L, "x"), List.of(9L, "y"));
        Path tsv = Files.writeString(dir.resolve("emb.tsv"), "id\tvec\n1\t0.5 0.25\n2\t1 2\n");
        ImportReport t = run(into("tsv.duckdb", tsv).vectorColumn("vec"));
        assertThat(vector(t.atlas(), 0)).containsExactly(0.5f, 0.25f);
    }

    @Test
    void jsonl_with_arrays_nested_objects_and_missing_keys() throws Exception {
        Path jsonl = Files.writeString(dir.resolve("p.jsonl"), """
                {"id": "u1", "emb": [1, 2], "tags": {"a": 1}, "n": 3}
                {"id": "u2", "emb": [3.5, 4], "n": 4.5}

                {"id": "u3", "emb": [5, 6], "tags": null}
                """);
        ImportReport r = run(into("j.duckdb", jsonl));
        assertThat(r.points()).isEqualTo(3);
        assertThat(r.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("id:VARCHAR", "tags:VARCHAR",
                "n:DOUBLE");
        assertThat(vector(r.atlas(), 1)).containsExactly(3.5f, 4f);
        assertThat(rows(r.atlas(), "SELECT tags, n FROM points ORDER BY row_idx")).containsExactly(
                java.util.Arrays.asList("{\"a\":1}", 3.0), java.util.Arrays.asList(null, 4.5),
                java.util.Arrays.asList(null, null));
    }

    @Test
    void parquet_with_a_list_column_an_array_column_or_many_columns() throws Exception {
        Path list = dir.resolve("list.parquet");
        Path arr = dir.resolve("arr.parquet");
        Path wide = dir.resolve("wide.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT 'p' || i AS id, [i, i * 2.5]::DOUBLE[] AS embedding, i % 2 = 0 AS even, "
                    + "DATE '2024-01-01' + i::INTEGER AS day, i::TINYINT AS small FROM range(5) t(i)) TO '" + list + "'");
            s.execute("COPY (SELECT i AS id, [i, i + 1, i + 2]::FLOAT[3] AS v FROM range(4) t(i)) TO '" + arr + "'");
            s.execute("COPY (SELECT i AS key, i * 1.0 AS x0, i * 2.0 AS x1, 'k' || i AS label FROM range(3) t(i)) TO '"
                    + wide + "'");
        }
        ImportReport r = run(into("list.duckdb", list));
        assertThat(r.vectorDim()).isEqualTo(2);
        assertThat(vector(r.atlas(), 4)).containsExactly(4f, 10f);
        assertThat(r.columns()).extracting(c -> c.name() + ":" + c.type()).containsExactly("id:VARCHAR",
                "even:BOOLEAN", "day:DATE", "small:BIGINT");
        assertThat(one(r.atlas(), "SELECT count(*) FROM points WHERE even")).isEqualTo(3L);
        assertThat(vector(run(into("arr.duckdb", arr)).atlas(), 3)).containsExactly(3, 4, 5);
        ImportReport w = run(into("wide.duckdb", wide).idColumn("key").vectorColumns("x?"));
        assertThat(vector(w.atlas(), 2)).containsExactly(2f, 4f);
        assertThat(rows(w.atlas(), "SELECT id, label FROM points ORDER BY row_idx").get(2)).containsExactly(2L, "k2");
    }

    @Test
    void npy_vectors_with_a_metadata_csv_and_text_labels_line_up_row_by_row() throws Exception {
        Path npy = TestFiles.npyFloat32(dir.resolve("v.npy"), new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Path meta = Files.writeString(dir.resolve("meta.csv"), "id,city\nx,Oslo\ny,Lima\nz,Pune\n");
        Path labels = Files.writeString(dir.resolve("labels.txt"), "cat\ndog\ncat\n");
        ImportReport r = run(into("joined.duckdb", npy).metadata(List.of(meta)).labels(List.of(labels)));
        assertThat(rows(r.atlas(), "SELECT id, city, label FROM points ORDER BY row_idx")).containsExactly(
                List.of("x", "Oslo", "cat"), List.of("y", "Lima", "dog"), List.of("z", "Pune", "cat"));
        assertThat(vector(r.atlas(), 2)).containsExactly(5, 6);
        assertThat(r.columns()).filteredOn(c -> c.role() == ColumnRole.LABEL).singleElement()
                .satisfies(c -> assertThat(c.type()).isEqualTo(ColumnType.VARCHAR));
    }

    @Test
    void an_image_path_column_is_recorded_under_its_root_and_missing_files_are_reported() throws Exception {
        Path root = Files.createDirectories(dir.resolve("imgs"));
        Files.write(root.resolve("a.png"), new byte[] {1});
        Path csv = Files.writeString(dir.resolve("files.csv"), "id,path,x0\n1,a.png,1\n2,sub/b.jpg,2\n");
        ImportReport r = run(into("files.duckdb", csv).imagesRoot(root).vectorColumns("x0"));
        assertThat(r.images()).contains(ImageInfo.files("path", root.toString()));
        assertThat(r.warnings()).singleElement().asString().contains("1 image file(s)").contains("sub/b.jpg");
        assertThat(r.columns()).filteredOn(c -> c.name().equals("path")).singleElement()
                .satisfies(c -> assertThat(c.role()).isEqualTo(ColumnRole.IMAGE_PATH));
        assertThat(new String(Files.readAllBytes(root.resolve("a.png")), StandardCharsets.ISO_8859_1)).hasSize(1);
    }
}
