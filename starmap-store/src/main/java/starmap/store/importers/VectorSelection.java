/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.importers;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import starmap.core.InvalidInputException;

/**
 * Which columns of a table hold the vector: one column of whole vectors ({@code listColumn}), several
 * numeric columns ({@code columns}), or none.
 *
 * @param listColumn index of the column of whole vectors, or -1
 * @param columns    indices of the component columns in order (empty unless chosen by glob)
 */
record VectorSelection(int listColumn, int[] columns) {
    static final VectorSelection NONE = new VectorSelection(-1, new int[0]);

    boolean any() {
        return listColumn >= 0 || columns.length > 0;
    }

    /** Whether column {@code c} is part of the vector. */
    boolean contains(int c) {
        if (c == listColumn) {
            return true;
        }
        for (int x : columns) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves the options against a table's columns.
     *
     * @param isList whether column i holds whole vectors in every row (used to pick one automatically)
     */
    static VectorSelection resolve(String file, List<String> names, TableOptions opts, IntPredicate isList) {
        if (!opts.vectorsAllowed()) {
            return NONE;
        }
        if (opts.vectorColumn().isPresent()) {
            String want = opts.vectorColumn().get();
            int i = names.indexOf(want);
            if (i < 0) {
                throw InvalidInputException.in(file).column(want).problem("--vector names a column that does not "
                        + "exist; columns are: " + String.join(", ", names));
            }
            return new VectorSelection(i, new int[0]);
        }
        if (opts.vectorColumns().isPresent()) {
            String glob = opts.vectorColumns().get();
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            List<Integer> hits = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).isEmpty() && m.matches(Path.of(names.get(i)))) {
                    hits.add(i);
                }
            }
            if (hits.isEmpty()) {
                throw InvalidInputException.in(file).problem("--vector-columns '" + glob + "' matches no column; "
                        + "columns are: " + String.join(", ", names));
            }
            return new VectorSelection(-1, hits.stream().mapToInt(Integer::intValue).toArray());
        }
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (isList.test(i)) {
                if (found >= 0) {
                    throw InvalidInputException.in(file).problem("columns '" + names.get(found) + "' and '"
                            + names.get(i) + "' both hold vectors; choose one with --vector");
                }
                found = i;
            }
        }
        return found < 0 ? NONE : new VectorSelection(found, new int[0]);
    }
}
