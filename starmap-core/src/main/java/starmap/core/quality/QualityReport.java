/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.core.quality;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Quality of one layout.
 *
 * @param sampled          points the neighbourhood metrics were averaged over
 * @param k                neighbourhood size of the preservation, trustworthiness and label metrics (10)
 * @param knnPreservation  mean fraction of a point's k nearest data neighbours that are among its k nearest
 *                         layout neighbours
 * @param trustworthiness  trustworthiness at k: 1 minus the normalised rank penalty of layout neighbours
 *                         that are not data neighbours
 * @param labelAccuracy    leave-one-out accuracy of a k-nearest-neighbour vote on the layout, when labels exist
 * @param klDivergence     KL(P ‖ Q) for the perplexity-calibrated P, when computed
 * @param highK            size of the data neighbourhood of the precision/recall curve (the perplexity)
 * @param precision        precision[j] for layout neighbourhoods of size j + 1
 * @param recall           recall[j] for layout neighbourhoods of size j + 1
 */
public record QualityReport(int sampled, int k, double knnPreservation, double trustworthiness,
        OptionalDouble labelAccuracy, OptionalDouble klDivergence, int highK, double[] precision, double[] recall) {

    /** The metrics as the names layouts store them under. */
    public Map<String, Double> asMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        klDivergence.ifPresent(v -> m.put("kl_divergence", v));
        m.put("knn_preservation@" + k, knnPreservation);
        m.put("trustworthiness@" + k, trustworthiness);
        labelAccuracy.ifPresent(v -> m.put("label_accuracy@" + k, v));
        m.put("quality_sample", (double) sampled);
        for (int j = 0; j < precision.length; j++) {
            m.put(String.format(Locale.ROOT, "precision@%d/%d", j + 1, highK), precision[j]);
            m.put(String.format(Locale.ROOT, "recall@%d/%d", j + 1, highK), recall[j]);
        }
        return m;
    }
}
