/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.ids;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import starmap.core.InvalidInputException;

/**
 * Ids of n points in row order: {@code id(row)} and its inverse {@code row(id)}. Ids are compared as
 * strings (an integer id 42 is {@code "42"}). Every id is non-empty and unique.
 */
public final class IdIndex {
    private final String[] ids;
    private final Map<String, Integer> rows;

    private IdIndex(String[] ids, Map<String, Integer> rows) {
        this.ids = ids;
        this.rows = rows;
    }

    /**
     * Builds the index, rejecting empty and duplicate ids.
     *
     * @throws InvalidInputException naming the 1-based rows of the first duplicate
     */
    public static IdIndex of(List<String> ids) {
        String[] arr = ids.toArray(String[]::new);
        Map<String, Integer> rows = HashMap.newHashMap(arr.length);
        for (int i = 0; i < arr.length; i++) {
            if (arr[i] == null || arr[i].isEmpty()) {
                throw InvalidInputException.in("ids").row(i + 1L).problem("id is empty");
            }
            Integer prev = rows.putIfAbsent(arr[i], i);
            if (prev != null) {
                throw InvalidInputException.in("ids").row(i + 1L).problem(
                        "duplicate id '" + arr[i] + "' (first at row " + (prev + 1) + ")");
            }
        }
        return new IdIndex(arr, rows);
    }

    /** Ids 0 … n−1, for sources that carry none. */
    public static IdIndex sequential(int n) {
        String[] arr = new String[n];
        Map<String, Integer> rows = HashMap.newHashMap(n);
        for (int i = 0; i < n; i++) {
            arr[i] = Integer.toString(i);
            rows.put(arr[i], i);
        }
        return new IdIndex(arr, rows);
    }

    public int size() {
        return ids.length;
    }

    /** The id of row {@code row}. */
    public String id(int row) {
        return ids[row];
    }

    /** The row of {@code id}, or empty when no point has it. */
    public OptionalInt row(String id) {
        Integer r = rows.get(id);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r);
    }
}
