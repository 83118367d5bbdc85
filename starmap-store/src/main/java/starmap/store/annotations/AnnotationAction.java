/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.annotations;

import java.util.Locale;

/** What an annotation does to its points. */
public enum AnnotationAction {
    /** Adds tag {@code value}. */
    TAG(true),
    /** Removes tag {@code value}. */
    UNTAG(true),
    /** Sets the current label to {@code value}. */
    RELABEL(true),
    /** Marks the points deleted; nothing is removed from the atlas. */
    DELETE(false),
    /** Clears the deleted mark. */
    RESTORE(false);

    private final boolean takesValue;

    AnnotationAction(boolean takesValue) {
        this.takesValue = takesValue;
    }

    /** Whether the action needs a value (a tag or a label). */
    public boolean takesValue() {
        return takesValue;
    }

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AnnotationAction fromSql(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
