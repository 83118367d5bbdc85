/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

/** Quoting for identifiers and literals built into SQL text. Values always go through these. */
public final class Sql {
    private Sql() {
    }

    /** {@code "name"} with embedded quotes doubled. */
    public static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code 'text'} with embedded quotes doubled. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
