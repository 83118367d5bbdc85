/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
    @Test
    void message_starts_with_the_location() {
        InvalidInputException e = InvalidInputException.in("points.csv").line(7).column("label")
                .problem("expected 4 fields, found 3");
        assertThat(e).hasMessage("points.csv: line 7, column 'label': expected 4 fields, found 3");
        assertThat(e.source()).isEqualTo("points.csv");
        assertThat(e.position()).hasValue(7);
        assertThat(e.unit()).isEqualTo("line");
        assertThat(e.column()).hasValue("label");
        assertThat(InvalidInputException.in("a.npy").problem("is empty")).hasMessage("a.npy: is empty");
    }

    @Test
    void parameter_messages_follow_the_rule_format() {
        InvalidParameterException e = InvalidParameterException.of("perplexity", "> 0", -1);
        assertThat(e).hasMessage("perplexity must be > 0, got -1");
        assertThat(e.parameter()).isEqualTo("perplexity");
    }
}
