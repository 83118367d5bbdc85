/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.annotations;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the log.
 *
 * @param seq    position in the log, increasing
 * @param at     when it was appended
 * @param author who appended it
 * @param action what it does
 * @param value  the tag or label, for actions that take one
 * @param rows   the points, as sorted distinct row indices
 * @param note   free text
 */
public record Annotation(long seq, Instant at, String author, AnnotationAction action, Optional<String> value,
        int[] rows, Optional<String> note) {
}
