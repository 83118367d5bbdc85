/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store;

import java.time.Instant;
import java.util.Map;

/**
 * A stored kNN graph's description.
 *
 * @param name       unique within the atlas
 * @param k          neighbours per point
 * @param metric     "euclidean", "cosine", "inner_product", …
 * @param parameters how it was computed (method, recall, …)
 * @param createdAt  when it was stored
 */
public record KnnGraphInfo(String name, int k, String metric, Map<String, Object> parameters, Instant createdAt) {
    public KnnGraphInfo {
        parameters = Map.copyOf(parameters);
    }
}
