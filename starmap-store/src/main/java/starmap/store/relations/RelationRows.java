/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.relations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import starmap.core.InvalidInputException;
import starmap.core.progress.Progress;
import starmap.core.relations.Interactions;
import starmap.core.relations.Notes;
import starmap.store.ColumnType;
import starmap.store.Sql;
import starmap.store.arrow.ArrowQuery;

/**
 * The rows of a collections or edge-list file, checked, filtered and mapped to dense ordinals. Leaves
 * the temporary tables {@code rel_kept(item, n, g, idx)} (kept items: id, rows, distinct collections,
 * ordinal, most frequent first) for the item table.
 */
final class RelationRows {
    Interactions interactions;
    int[] first;
    int[] second;
    float[] weight;
    int keptItems;
    long rowCount;
    long itemCount;
    long belowMinCount;
    long beyondMaxItems;
    long droppedRows;
    long singletons;
    long selfLoops;
    ColumnType idType;
    String idColumn;
    private String groupColumn;
    private String weightColumn;
    final List<String> warnings = new ArrayList<>();

    /** What the item table needs of rows that were read and filtered elsewhere (a precomputed graph). */
    static RelationRows precomputed(ColumnType idType, String idColumn, long rowCount) {
        RelationRows r = new RelationRows();
        r.idType = idType;
        r.idColumn = idColumn;
        r.rowCount = rowCount;
        return r;
    }

    static RelationRows read(Connection conn, RelationsOptions o, Progress progress) throws SQLException {
        progress.begin("read " + o.input().getFileName(), 0);
        try {
            RelationRows r = new RelationRows();
            Scan scan = Scan.of(conn, o.input(), "input");
            r.load(conn, scan, o);
            r.check(conn, o);
            r.filter(conn, o);
            r.export(conn, o);
            return r;
        } finally {
            progress.end();
        }
    }

    private void load(Connection conn, Scan scan, RelationsOptions o) throws SQLException {
        String a = scan.column(o.first(), 0, o.edges() ? "--source-column" : "--collection-column");
        String b = scan.column(o.second(), 1, o.edges() ? "--target-column" : "--item-column");
        idColumn = b;
        groupColumn = a;
        Optional<String> w = o.weight().isPresent() ? Optional.of(scan.column(o.weight(), -1, "--weight-column"))
                : scan.columns().containsKey("weight") ? Optional.of("weight") : Optional.empty();
        idType = Scan.typeOf(scan.columns().get(b)) == ColumnType.BIGINT
                && (!o.edges() || Scan.typeOf(scan.columns().get(a)) == ColumnType.BIGINT) ? ColumnType.BIGINT
                : ColumnType.VARCHAR;
        String itemCast = idType == ColumnType.BIGINT ? "BIGINT" : "VARCHAR";
        StringBuilder sql = new StringBuilder("CREATE TEMP TABLE rel_raw AS SELECT row_number() OVER () AS src_row, ")
                .append(o.edges() ? "CAST(" + Sql.ident(a) + " AS " + itemCast + ")" : Sql.ident(a)).append(" AS a, ")
                .append("CAST(").append(Sql.ident(b)).append(" AS ").append(itemCast).append(") AS b");
        if (w.isPresent()) {
            sql.append(", TRY_CAST(").append(Sql.ident(w.get())).append(" AS DOUBLE) AS w, ")
                    .append(Sql.ident(w.get())).append(" IS NULL AS w_null");
        }
        if (o.time().isPresent()) {
            String t = scan.column(o.time(), -1, "--time-column");
            ColumnType type = Scan.typeOf(scan.columns().get(t));
            String expr = type == ColumnType.TIMESTAMP || type == ColumnType.DATE
                    ? "epoch(" + Sql.ident(t) + ")" : "TRY_CAST(" + Sql.ident(t) + " AS DOUBLE)";
            sql.append(", ").append(expr).append(" AS t");
        }
        if (o.attribute().isPresent()) {
            sql.append(", TRY_CAST(").append(Sql.ident(scan.column(o.attribute(), -1, "--attribute-column")))
                    .append(" AS DOUBLE) AS x");
        }
        sql.append(" FROM ").append(scan.sql());
        try (Statement s = conn.createStatement()) {
            s.execute(sql.toString());
        } catch (SQLException e) {
            throw InvalidInputException.in(o.input().toString()).cause(e).problem("cannot be read: " + Scan.firstLine(e));
        }
        weightColumn = w.orElse(null);
    }

    private void check(Connection conn, RelationsOptions o) throws SQLException {
        rowCount = RelationsImporter.count(conn, "SELECT count(*) FROM rel_raw");
        if (rowCount == 0) {
            throw InvalidInputException.in(o.input().toString()).problem("has no rows");
        }
        firstBad(conn, o, "a IS NULL", groupColumn, "is empty; every row needs " + (o.edges() ? "a source" : "a collection"));
        firstBad(conn, o, "b IS NULL", idColumn, "is empty; every row needs " + (o.edges() ? "a target" : "an item"));
        if (weightColumn != null) {
            firstBad(conn, o, "w_null OR w IS NULL OR isnan(w) OR isinf(w) OR w < 0", weightColumn,
                    "is not a finite number >= 0: weights must be");
        }
        if (o.time().isPresent()) {
            firstBad(conn, o, "t IS NULL OR isnan(t) OR isinf(t)", o.time().get(), "is not a timestamp or a number");
        }
        if (o.attribute().isPresent()) {
            firstBad(conn, o, "x IS NULL OR isnan(x) OR isinf(x)", o.attribute().get(), "is not a finite number");
        }
    }

    private void firstBad(Connection conn, RelationsOptions o, String where, String column, String problem)
            throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT src_row, (SELECT count(*) FROM rel_raw WHERE " + where
                     + ") FROM rel_raw WHERE " + where + " ORDER BY src_row LIMIT 1")) {
            if (rs.next()) {
                long n = rs.getLong(2);
                throw InvalidInputException.in(o.input().toString()).row(rs.getLong(1)).column(column).problem(problem
                        + (n > 1 ? " (" + n + " rows like this)" : "") + "; nothing was written");
            }
        }
    }

    private void filter(Connection conn, RelationsOptions o) throws SQLException {
        String ends = o.edges() ? "(SELECT a AS item, src_row FROM rel_raw UNION ALL SELECT b, src_row FROM rel_raw)"
                : "(SELECT b AS item, a AS grp FROM rel_raw)";
        String groups = o.edges() ? "count(*)" : "count(DISTINCT grp)";
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TEMP TABLE rel_counts AS SELECT item, count(*) AS n, " + groups + " AS g FROM " + ends
                    + " GROUP BY item");
            s.execute("CREATE TEMP TABLE rel_kept AS SELECT item, n, g, CAST(row_number() OVER (ORDER BY n DESC, item) - 1"
                    + " AS INTEGER) AS idx FROM rel_counts WHERE n >= " + o.minCount()
                    + " QUALIFY idx < " + o.maxItems());
        }
        itemCount = RelationsImporter.count(conn, "SELECT count(*) FROM rel_counts");
        belowMinCount = RelationsImporter.count(conn, "SELECT count(*) FROM rel_counts WHERE n < " + o.minCount());
        keptItems = (int) RelationsImporter.count(conn, "SELECT count(*) FROM rel_kept");
        beyondMaxItems = itemCount - belowMinCount - keptItems;
        String keptRows = o.edges()
                ? "SELECT count(*) FROM rel_raw WHERE a IN (SELECT item FROM rel_kept) AND b IN (SELECT item FROM rel_kept)"
                : "SELECT count(*) FROM rel_raw WHERE b IN (SELECT item FROM rel_kept)";
        droppedRows = rowCount - RelationsImporter.count(conn, keptRows);
        if (belowMinCount + beyondMaxItems > 0) {
            warnings.add(Notes.droppedItems(belowMinCount, o.minCount(), beyondMaxItems, o.maxItems(), droppedRows));
        }
        if (keptItems < 2) {
            throw InvalidInputException.in(o.input().toString()).problem(Notes.tooFewItems(keptItems, itemCount,
                    o.minCount(), o.k()));
        }
        if (o.edges()) {
            selfLoops = RelationsImporter.count(conn, "SELECT count(*) FROM rel_raw WHERE a = b");
            if (selfLoops > 0) {
                warnings.add("skipped " + selfLoops + " edges from an item to itself");
            }
        } else {
            try (Statement s = conn.createStatement()) {
                s.execute("CREATE TEMP TABLE rel_coll AS SELECT a, CAST(row_number() OVER (ORDER BY a) - 1 AS INTEGER)"
                        + " AS cidx, n FROM (SELECT a, count(*) AS n FROM rel_raw WHERE b IN (SELECT item FROM rel_kept)"
                        + " GROUP BY a)");
            }
            singletons = RelationsImporter.count(conn, "SELECT count(*) FROM rel_coll WHERE n = 1");
            if (singletons > 0) {
                warnings.add(Notes.singleItemCollections(singletons));
            }
        }
    }

    private void export(Connection conn, RelationsOptions o) throws SQLException {
        boolean weighted = weightColumn != null;
        String sql = o.edges()
                ? "SELECT ks.idx AS s, kt.idx AS it" + (weighted ? ", CAST(w AS FLOAT) AS w" : "")
                        + " FROM rel_raw r JOIN rel_kept ks ON r.a = ks.item JOIN rel_kept kt ON r.b = kt.item"
                        + " ORDER BY src_row"
                : "SELECT c.cidx AS s, k.idx AS it" + (weighted ? ", CAST(w AS FLOAT) AS w" : "")
                        + (o.time().isPresent() ? ", t" : "") + (o.attribute().isPresent() ? ", x" : "")
                        + " FROM rel_raw r JOIN rel_kept k ON r.b = k.item JOIN rel_coll c ON r.a = c.a ORDER BY src_row";
        int n = (int) (rowCount - droppedRows);
        int[] s = new int[n];
        int[] t = new int[n];
        float[] w = weighted ? new float[n] : null;
        double[] time = o.time().isPresent() ? new double[n] : null;
        double[] attr = o.attribute().isPresent() ? new double[n] : null;
        int[] at = {0};
        ArrowQuery.forEachBatch(conn, sql, 1 << 16, root -> {
            int rows = root.getRowCount();
            int off = at[0];
            IntVector vs = (IntVector) root.getVector("s");
            IntVector vt = (IntVector) root.getVector("it");
            for (int r = 0; r < rows; r++) {
                s[off + r] = vs.get(r);
                t[off + r] = vt.get(r);
            }
            if (w != null) {
                Float4Vector vw = (Float4Vector) root.getVector("w");
                for (int r = 0; r < rows; r++) {
                    w[off + r] = vw.get(r);
                }
            }
            copy(time == null ? null : root.getVector("t"), time, off, rows);
            copy(attr == null ? null : root.getVector("x"), attr, off, rows);
            at[0] += rows;
        });
        if (o.edges()) {
            first = s;
            second = t;
            weight = w;
        } else {
            int collections = (int) RelationsImporter.count(conn, "SELECT count(*) FROM rel_coll");
            interactions = new Interactions(keptItems, collections, s, t, w, time, attr);
        }
    }

    private static void copy(FieldVector v, double[] out, int off, int rows) {
        if (v == null || out == null) {
            return;
        }
        Float8Vector d = (Float8Vector) v;
        for (int r = 0; r < rows; r++) {
            out[off + r] = d.get(r);
        }
    }

    Interactions interactions() {
        return interactions;
    }

    int[] first() {
        return first;
    }

    int[] second() {
        return second;
    }

    float[] weight() {
        return weight;
    }

    int keptItems() {
        return keptItems;
    }

    long rowCount() {
        return rowCount;
    }

    long itemCount() {
        return itemCount;
    }

    long belowMinCount() {
        return belowMinCount;
    }

    long beyondMaxItems() {
        return beyondMaxItems;
    }

    long droppedRows() {
        return droppedRows;
    }

    long singletons() {
        return singletons;
    }

    long selfLoops() {
        return selfLoops;
    }

    List<String> warnings() {
        return warnings;
    }
}
