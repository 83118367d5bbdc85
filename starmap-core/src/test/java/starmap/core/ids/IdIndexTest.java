/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    @Test
    void maps_ids_to_rows_and_back() {
        IdIndex ids = IdIndex.of(List.of("a", "b", "c"));
        assertThat(ids.id(1)).isEqualTo("b");
        assertThat(ids.row("c")).hasValue(2);
        assertThat(ids.row("z")).isEmpty();
        assertThat(IdIndex.sequential(3).row("2")).hasValue(2);
    }

    @Test
    void rejects_duplicates_naming_both_rows() {
        assertThatThrownBy(() -> IdIndex.of(List.of("a", "b", "a"))).hasMessage(
                "ids: row 3: duplicate id 'a' (first at row 1)");
        assertThatThrownBy(() -> IdIndex.of(List.of("a", ""))).hasMessage("ids: row 2: id is empty");
    }
}
