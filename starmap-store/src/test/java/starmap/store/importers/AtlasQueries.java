/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads an atlas with plain DuckDB SQL, as a user would. */
final class AtlasQueries {
    private AtlasQueries() {
    }

    static List<List<Object>> rows(Path atlas, String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + atlas, p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<Object>> out = new ArrayList<>();
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= cols; i++) {
                    row.add(rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        }
    }

    static Object one(Path atlas, String sql) throws SQLException {
        return rows(atlas, sql).getFirst().getFirst();
    }

    /** The vector of row {@code row} as floats. */
    static float[] vector(Path atlas, int row) throws SQLException {
        Object arr = one(atlas, "SELECT CAST(vector AS FLOAT[]) FROM points WHERE row_idx = " + row);
        Object[] boxed = (Object[]) ((java.sql.Array) arr).getArray();
        float[] out = new float[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) boxed[i]).floatValue();
        }
        return out;
    }
}
