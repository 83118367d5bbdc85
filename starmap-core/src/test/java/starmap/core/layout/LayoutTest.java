/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayoutTest {
    @Test
    void a_layout_keeps_coordinates_and_manifest() {
        LayoutManifest m = new LayoutManifest("pca-2d", "pca", 2, Map.of("components", 2),
                Map.of("fit", Duration.ofMillis(12)), Map.of("trustworthiness", 0.9), Instant.EPOCH);
        Layout l = new Layout(m, Embedding.of(2, new float[] {1, 2, 3, 4, 5, 6}));
        assertThat(l.size()).isEqualTo(3);
        assertThat(l.coordinates().get(2, 1)).isEqualTo(6f);
        assertThat(l.manifest().withMetrics(Map.of("kl", 1.5)).metrics()).containsEntry("kl", 1.5)
                .containsEntry("trustworthiness", 0.9);
    }

    @Test
    void embeddings_copy_their_input_and_reject_non_finite_values() {
        float[] raw = {1, 2};
        Embedding e = Embedding.of(1, raw);
        raw[0] = 9;
        assertThat(e.get(0, 0)).isEqualTo(1f);
        assertThatThrownBy(() -> Embedding.of(2, new float[] {0, 0, Float.NaN, 1}))
                .hasMessage("embedding: row 2: coordinate 0 is NaN");
        assertThatThrownBy(() -> Embedding.of(2, new float[3])).hasMessageContaining("a multiple of dimension 2");
    }

    @Test
    void manifests_validate_names_dimensions_and_parameter_values() {
        assertThatThrownBy(() -> LayoutManifest.of("bad name", "tsne", 2)).hasMessageStartingWith("layout name must be");
        assertThatThrownBy(() -> LayoutManifest.of("ok", "tsne", 0)).hasMessage("dimension must be in [1, 64], got 0");
        assertThatThrownBy(() -> new LayoutManifest("ok", "tsne", 2, Map.of("x", new Object()), Map.of(), Map.of(),
                Instant.EPOCH)).hasMessageStartingWith("parameter x must be a String, Number or Boolean");
        assertThatThrownBy(() -> new Layout(LayoutManifest.of("ok", "tsne", 3), Embedding.of(2, new float[4])))
                .hasMessage("coordinates.dimension must be the manifest's dimension 3, got 2");
    }
}
