/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.annotations;

import java.util.List;
import java.util.Optional;

/**
 * A point's state after the log is replayed.
 *
 * @param currentLabel the label of the last relabel, if any
 * @param deleted      whether the last delete/restore was a delete
 * @param tags         tags whose last event was a tag, sorted
 */
public record PointState(Optional<String> currentLabel, boolean deleted, List<String> tags) {
    /** A point nobody annotated. */
    public static final PointState UNTOUCHED = new PointState(Optional.empty(), false, List.of());
}
