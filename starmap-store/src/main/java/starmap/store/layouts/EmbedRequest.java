/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.store.layouts;

import starmap.core.layout.mde.MdeParams;
import starmap.core.layout.node2vec.Node2VecParams;
import starmap.core.layout.umap.UmapParams;

import java.util.Optional;
import starmap.core.InvalidParameterException;
import starmap.core.layout.tsne.TsneParams;

/**
 * A layout to make.
 *
 * @param method    "tsne", "umap", "pca", "mde" or "node2vec"
 * @param name      the layout's name (default: method and dimension, e.g. "tsne-2d")
 * @param tsne      t-SNE parameters (also gives the dimension, seed and metric for PCA)
 * @param umap      UMAP parameters (for method UMAP)
 * @param quality   whether to measure quality after the layout (default true)
 * @param replace   whether a layout of the same name may be replaced
 * @param from      a stored layout whose coordinates are the input instead of the vectors (a chain: e.g. an
 *                  8-D embedding of a graph, then UMAP or t-SNE of it to 2-D)
 * @param mde       MDE parameters (for method MDE, on the atlas's relation graph)
 * @param node2vec  node2vec parameters (for method NODE2VEC, on the atlas's relation graph)
 */
public record EmbedRequest(Method method, Optional<String> name, TsneParams tsne, UmapParams umap, boolean quality,
        boolean replace, Optional<String> from, MdeParams mde, Node2VecParams node2vec) {

    /** A vector layout request (t-SNE, UMAP or PCA), graph methods at their defaults. */
    public EmbedRequest(Method method, Optional<String> name, TsneParams tsne, UmapParams umap, boolean quality,
            boolean replace, Optional<String> from) {
        this(method, name, tsne, umap, quality, replace, from, MdeParams.DEFAULTS, Node2VecParams.DEFAULTS);
    }

    /** A t-SNE or PCA request (UMAP's parameters at their defaults) on the vectors. */
    public EmbedRequest(Method method, Optional<String> name, TsneParams tsne, boolean quality, boolean replace) {
        this(method, name, tsne, UmapParams.DEFAULTS, quality, replace, Optional.empty());
    }

    /** Layout methods. */
    public enum Method {
        TSNE, UMAP, PCA, MDE, NODE2VEC;

        /** Whether the method lays out the atlas's relation graph rather than vectors. */
        public boolean onGraph() {
            return this == MDE || this == NODE2VEC;
        }

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
                    + "'; expected tsne, umap, pca, mde or node2vec");
        }
    }

    public EmbedRequest {
        InvalidParameterException.require(method != Method.PCA || tsne.dimensions() >= 1, "dimensions", ">= 1",
                tsne.dimensions());
    }

    /** The layout name to store under. */
    public String layoutName() {
        return name.orElse(method.cliName() + "-" + dimensions() + "d");
    }

    /** The layout's dimension. */
    public int dimensions() {
        return switch (method) {
            case UMAP -> umap.dimensions();
            case MDE -> mde.dimensions();
            case NODE2VEC -> node2vec.dimension();
            default -> tsne.dimensions();
        };
    }
}
