/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.layouts;

import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.core.layout.tsne.TsneParams;

/**
 * A layout to make.
 *
 * @param method    "tsne" or "pca"
 * @param name      the layout's name (default: method and dimension, e.g. "tsne-2d")
 * @param tsne      t-SNE parameters (also gives the dimension, seed and metric for PCA)
 * @param quality   whether to measure quality after the layout (default true)
 * @param replace   whether a layout of the same name may be replaced
 */
public record EmbedRequest(Method method, Optional<String> name, TsneParams tsne, boolean quality, boolean replace) {

    /** Layout methods. */
    public enum Method {
        TSNE, PCA;

        public String cliName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.cliName().equals(s.toLowerCase(java.util.Locale.ROOT))) {
                    return m;
                }
            }
            throw starmap.core.InvalidInputException.in("--method").problem("unknown method '" + s
                    + "'; expected tsne or pca");
        }
    }

    public EmbedRequest {
        InvalidParameterException.require(method != Method.PCA || tsne.dimensions() >= 1, "dimensions", ">= 1",
                tsne.dimensions());
    }

    /** The layout name to store under. */
    public String layoutName() {
        return name.orElse(method.cliName() + "-" + tsne.dimensions() + "d");
    }
}
