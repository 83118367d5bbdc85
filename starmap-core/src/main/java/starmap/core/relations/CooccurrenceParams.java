/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.relations;

import java.util.LinkedHashMap;
import java.util.Map;
import starmap.core.InvalidParameterException;

/**
 * How rows of the same collection add up into pair weights.
 *
 * <p>Two rows a and b of one collection add {@code sqrt(w_a · w_b) · exp(−|x_a − x_b| / attributeScale) ·
 * exp(−|t_a − t_b| / timeScale)} to the pair of their items, where w is the row weight (1 without one),
 * x the attribute and t the time; a scale of 0 leaves its factor out. A collection of more than
 * {@code maxCollection} rows is sorted by (item, weight, time, attribute), shuffled (seeded by {@code seed}
 * and the collection's rank among such giant collections in ascending order of their ids) and split into
 * nearly equal parts of at most {@code maxCollection} rows; rows pair only within their part, and each
 * pair weight is multiplied by {@code (size − 1) / (part − 1)}, so that every pair's expected
 * contribution is the one the whole collection would give. The work of one collection is then
 * proportional to its size, not its square.
 *
 * @param attributeScale distance in the attribute at which a pair's weight falls to 1/e (0: ignore attributes)
 * @param timeScale      time apart at which a pair's weight falls to 1/e (0: ignore times)
 * @param maxCollection  rows of a collection that pair with each other before it is split (≥ 2)
 * @param seed           chooses how giant collections are split
 */
public record CooccurrenceParams(double attributeScale, double timeScale, int maxCollection, long seed) {
    public static final CooccurrenceParams DEFAULTS = new CooccurrenceParams(0, 0, 1000, 42);

    public CooccurrenceParams {
        InvalidParameterException.require(attributeScale >= 0 && Double.isFinite(attributeScale), "attribute-scale",
                "a finite number >= 0", attributeScale);
        InvalidParameterException.require(timeScale >= 0 && Double.isFinite(timeScale), "time-scale",
                "a finite number >= 0", timeScale);
        InvalidParameterException.require(maxCollection >= 2, "max-collection", ">= 2", maxCollection);
    }

    public CooccurrenceParams withAttributeScale(double v) {
        return new CooccurrenceParams(v, timeScale, maxCollection, seed);
    }

    public CooccurrenceParams withTimeScale(double v) {
        return new CooccurrenceParams(attributeScale, v, maxCollection, seed);
    }

    public CooccurrenceParams withMaxCollection(int v) {
        return new CooccurrenceParams(attributeScale, timeScale, v, seed);
    }

    public CooccurrenceParams withSeed(long v) {
        return new CooccurrenceParams(attributeScale, timeScale, maxCollection, v);
    }

    /** The parameters as a layout or graph manifest stores them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute_scale", attributeScale);
        m.put("time_scale", timeScale);
        m.put("max_collection", maxCollection);
        m.put("seed", seed);
        return m;
    }
}
