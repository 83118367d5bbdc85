/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.exporters;

import java.util.Locale;
import starmap.core.InvalidInputException;

/** The formats {@code starmap export} writes. */
public enum ExportFormat {
    CSV, PARQUET, NPY,
    /** JSON Lines: one object per point. */
    JSON;

    public static ExportFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.in("--format").problem("unknown export format '" + s
                    + "'; expected csv, parquet, json or npy");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
