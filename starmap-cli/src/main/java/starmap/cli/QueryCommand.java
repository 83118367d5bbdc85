/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import starmap.core.InvalidInputException;
import starmap.core.ids.IdIndex;
import starmap.core.knn.Metric;
import starmap.core.parallel.Parallel;
import starmap.core.query.VectorQueries;
import starmap.core.vectors.DenseVectors;
import starmap.store.Atlas;

/** {@code starmap query}: nearest items, the averager of two items, analogies — over the vectors or a layout. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the atlas's vector space (or a layout's) about items, exactly, over every point:",
            "  --near A          the items nearest A",
            "  --between A B     the averager: items between A and B, lopsided matches (close to one, far from "
                + "the other) ranked down",
            "  --analogy A B C   the items nearest A − B + C (\"C is to ? as B is to A\")"},
        footer = {"", "Examples:", "  starmap query fmnist.duckdb --near 123", "  starmap query music.duckdb --between "
                + "\"Miles Davis\" \"Aphex Twin\" --metric cosine", "  starmap query words.duckdb --analogy king man "
                + "woman --metric cosine", "  starmap query graph.duckdb --near 42 --space mde-8d"})
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", description = "The atlas file.")
    Path atlas;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Ask ask;

    static final class Ask {
        @Option(names = "--near", paramLabel = "ID", description = "Items nearest this one.")
        String near;

        @Option(names = "--between", arity = "2", paramLabel = "ID", description = "Items between these two.")
        List<String> between;

        @Option(names = "--analogy", arity = "3", paramLabel = "ID", description = "Items nearest A − B + C.")
        List<String> analogy;
    }

    @Option(names = "--k", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--metric", defaultValue = "euclidean", description = "euclidean or cosine (default: "
            + "${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--space", paramLabel = "LAYOUT", description = "Query a stored layout's coordinates instead of "
            + "the vectors.")
    String space;

    @Override
    public Integer call() {
        Metric m = Metric.parse(metric);
        if (m != Metric.EUCLIDEAN && m != Metric.COSINE) {
            throw InvalidInputException.in("--metric").problem("must be euclidean or cosine, got " + metric);
        }
        if (k < 1) {
            throw InvalidInputException.in("--k").problem("must be >= 1, got " + k);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Atlas a = Atlas.openReadOnly(atlas); Parallel par = Parallel.ofAvailableProcessors();
             DenseVectors v = space(a)) {
            IdIndex ids = a.ids();
            List<VectorQueries.Hit> hits;
            if (ask.near != null) {
                hits = VectorQueries.nearest(v, row(ids, ask.near), k, m, par);
            } else if (ask.between != null) {
                hits = VectorQueries.between(v, row(ids, ask.between.get(0)), row(ids, ask.between.get(1)), k, m, par);
            } else {
                hits = VectorQueries.analogy(v, row(ids, ask.analogy.get(0)), row(ids, ask.analogy.get(1)),
                        row(ids, ask.analogy.get(2)), k, m, par);
            }
            List<String> labels = labels(a, hits.stream().mapToInt(VectorQueries.Hit::row).toArray());
            out.printf("%4s  %-24s %-20s %s%n", "rank", "id", "label", ask.between != null ? "score" : "distance");
            for (int i = 0; i < hits.size(); i++) {
                VectorQueries.Hit h = hits.get(i);
                out.printf(Locale.ROOT, "%4d  %-24s %-20s %.6g%n", i + 1, ids.id(h.row()),
                        Optional.ofNullable(labels.get(i)).orElse("-"), h.score());
            }
        }
        return 0;
    }

    /** The label of each row (null where the atlas has no label column or the value is missing). */
    private static List<String> labels(Atlas a, int[] rows) {
        java.util.Map<Integer, String> byRow = new java.util.HashMap<>();
        a.column(starmap.store.ColumnRole.LABEL).ifPresent(c -> {
            StringBuilder in = new StringBuilder();
            for (int r : rows) {
                in.append(in.isEmpty() ? "" : ",").append(r);
            }
            if (in.isEmpty()) {
                return;
            }
            // the rows are integers from the query, not user text
            a.query("reading labels", "SELECT row_idx, CAST(" + starmap.store.Sql.ident(c.name()) + " AS VARCHAR) "
                    + "FROM points WHERE row_idx IN (" + in + ")", rs -> {
                        while (rs.next()) {
                            byRow.put(rs.getInt(1), rs.getString(2));
                        }
                    });
        });
        List<String> out = new java.util.ArrayList<>();
        for (int r : rows) {
            out.add(byRow.get(r));
        }
        return out;
    }

    private DenseVectors space(Atlas a) {
        if (space == null && a.vectorDimension().isPresent()) {
            return a.readVectors();
        }
        if (space == null) {
            // a map of relations has no vectors: its graph embedding (the widest layout) is the space
            space = a.layouts().widest().orElseThrow(() -> InvalidInputException.in(atlas.toString()).problem(
                    "has no vectors and no layouts to query; embed its graph first (starmap embed --method mde --dim 4)"));
            spec.commandLine().getOut().println("space: layout " + space + " (the atlas has no vectors)");
        }
        if (a.layouts().manifest(space).isEmpty()) {
            throw InvalidInputException.in("--space").problem("no layout named '" + space + "' in " + atlas);
        }
        return a.layouts().asVectors(space);
    }

    private int row(IdIndex ids, String id) {
        return ids.row(id).orElseThrow(() -> InvalidInputException.in(atlas.toString())
                .problem("has no point with id '" + id + "'"));
    }
}
