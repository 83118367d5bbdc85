/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The points as the figure JSON a Dash app sends to {@code dcc.Graph}: one {@code scattergl} (2-D) or
 * {@code scatter3d} (3-D) trace, markers only, coloured by class index through a {@value ClusterPoints#CLASSES}-stop
 * colour scale (one trace and one number per point; {@code px.scatter(color=...)} would send one trace
 * per class instead).
 */
final class PlotlyFigure {
    /** How arrays travel. */
    enum Encoding {
        /**
         * Base64 typed arrays ({@code {"dtype": "f4", "bdata": …}}), as plotly.py 6 serialises numpy
         * arrays: float32 coordinates, uint8 class indices.
         */
        TYPED,
        /** Plain JSON number lists, as plotly.py 5 and earlier send them (shortest float32 decimal text). */
        JSON
    }

    private PlotlyFigure() {
    }

    /** The figure {@code {"data": [trace], "layout": {...}}} as UTF-8 JSON. */
    static byte[] json(ClusterPoints p, int dim, Encoding encoding, double markerSize) {
        float[] c = p.coordinates(dim);
        StringBuilder s = new StringBuilder(p.n() * dim * 12 + 4096);
        s.append("{\"data\":[{\"type\":\"").append(dim == 2 ? "scattergl" : "scatter3d").append("\",\"mode\":\"markers\"");
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < dim; a++) {
            s.append(",\"").append(axes[a]).append("\":");
            axis(s, c, dim, a, p.n(), encoding);
        }
        s.append(",\"marker\":{\"size\":").append(markerSize).append(",\"cmin\":0,\"cmax\":")
                .append(ClusterPoints.CLASSES - 1).append(",\"colorscale\":");
        colorscale(s);
        s.append(",\"color\":");
        classes(s, p.cls(), encoding);
        s.append("}}],\"layout\":");
        s.append(dim == 2
                ? "{\"margin\":{\"l\":40,\"r\":10,\"t\":10,\"b\":30},\"showlegend\":false,\"dragmode\":\"pan\"}"
                : "{\"margin\":{\"l\":0,\"r\":0,\"t\":0,\"b\":0},\"showlegend\":false,\"scene\":{\"aspectmode\":\"data\"}}");
        s.append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void axis(StringBuilder s, float[] c, int dim, int axis, int n, Encoding encoding) {
        if (encoding == Encoding.TYPED) {
            ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                b.putFloat(c[i * dim + axis]);
            }
            typed(s, "f4", b.array());
        } else {
            s.append('[');
            for (int i = 0; i < n; i++) {
                s.append(i == 0 ? "" : ",").append(c[i * dim + axis]);
            }
            s.append(']');
        }
    }

    private static void classes(StringBuilder s, byte[] cls, Encoding encoding) {
        if (encoding == Encoding.TYPED) {
            typed(s, "u1", cls);
        } else {
            s.append('[');
            for (int i = 0; i < cls.length; i++) {
                s.append(i == 0 ? "" : ",").append(cls[i]);
            }
            s.append(']');
        }
    }

    private static void typed(StringBuilder s, String dtype, byte[] bytes) {
        s.append("{\"dtype\":\"").append(dtype).append("\",\"bdata\":\"")
                .append(Base64.getEncoder().encodeToString(bytes)).append("\"}");
    }

    /** One stop per class, hues spread evenly, so class i is drawn in exactly colour i. */
    private static void colorscale(StringBuilder s) {
        s.append('[');
        for (int i = 0; i < ClusterPoints.CLASSES; i++) {
            java.awt.Color c = java.awt.Color.getHSBColor((i * 0.618034f) % 1f, 0.65f, 0.9f);
            s.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,\"#%06x\"]",
                    i / (double) (ClusterPoints.CLASSES - 1), c.getRGB() & 0xFFFFFF));
        }
        s.append(']');
    }
}
