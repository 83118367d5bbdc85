/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.layout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import starmap.core.InvalidParameterException;

/**
 * Everything that explains a layout except its coordinates.
 *
 * @param name        unique within an atlas: letters, digits, {@code _ - .}, at most 64 characters
 * @param method      the algorithm, e.g. {@code "tsne"}, {@code "pca"}, {@code "umap"}
 * @param dimension   number of coordinates per point
 * @param parameters  every parameter the run used, defaults included (values: String, Number or
 *                    Boolean), in a stable order
 * @param timings     wall time per stage, in the order the stages ran
 * @param metrics     quality metrics by name, e.g. {@code "knn_preservation@10"}
 * @param createdAt   when the run finished
 */
public record LayoutManifest(String name, String method, int dimension, Map<String, Object> parameters,
        Map<String, Duration> timings, Map<String, Double> metrics, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public LayoutManifest {
        InvalidParameterException.require(name != null && NAME.matcher(name).matches(), "layout name",
                "1-64 characters of letters, digits, '_', '-' or '.'", name);
        InvalidParameterException.require(method != null && !method.isBlank(), "method", "non-blank", method);
        InvalidParameterException.require(dimension >= 1 && dimension <= Embedding.MAX_DIMENSION,
                "dimension", "in [1, " + Embedding.MAX_DIMENSION + "]", dimension);
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            Object v = e.getValue();
            InvalidParameterException.require(v instanceof String || v instanceof Number || v instanceof Boolean,
                    "parameter " + e.getKey(), "a String, Number or Boolean", v);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        InvalidParameterException.require(createdAt != null, "createdAt", "set", createdAt);
    }

    /** A manifest with no parameters, timings or metrics yet, created now. */
    public static LayoutManifest of(String name, String method, int dimension) {
        return new LayoutManifest(name, method, dimension, Map.of(), Map.of(), Map.of(), Instant.now());
    }

    /** A copy with {@code metrics} added to (or replacing) the existing ones. */
    public LayoutManifest withMetrics(Map<String, Double> more) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.putAll(more);
        return new LayoutManifest(name, method, dimension, parameters, timings, m, createdAt);
    }

    /** A copy with another name. */
    public LayoutManifest withName(String newName) {
        return new LayoutManifest(newName, method, dimension, parameters, timings, metrics, createdAt);
    }
}
