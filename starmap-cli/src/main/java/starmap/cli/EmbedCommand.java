/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.core.knn.Metric;
import starmap.core.knn.NeighborSearches;
import starmap.core.device.Device;
import starmap.core.layout.LayoutContext;
import starmap.core.layout.tsne.Approximation;
import starmap.core.layout.tsne.LearningRate;
import starmap.core.layout.tsne.TsneParams;
import starmap.core.layout.mde.MdeParams;
import starmap.core.layout.node2vec.Node2VecParams;
import starmap.core.layout.umap.UmapParams;
import starmap.core.parallel.Parallel;
import starmap.store.Atlas;
import starmap.store.layouts.EmbedRequest;
import starmap.store.layouts.Embedder;

/** {@code starmap embed}: compute a layout (t-SNE, UMAP, PCA) of an atlas's vectors or of another layout, and store it. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute a 2D or 3D layout of the atlas's vectors (t-SNE, UMAP or PCA) and store it with its "
                + "parameters, timings and quality metrics.",
            "",
            "Vectors wider than 100 dimensions are first reduced to 50 principal components. The kNN graph is stored "
                + "in the atlas and reused by later layouts."},
        footer = {"", "Examples:",
            "  starmap embed fmnist.duckdb --method tsne --dim 2",
            "  starmap embed fmnist.duckdb --method tsne --dim 3 --approximation bh --theta 0.5 --name tsne-3d",
            "  starmap embed fmnist.duckdb --method pca --dim 2",
            "  starmap embed fmnist.duckdb --method umap --dim 2 --n-neighbors 15 --min-dist 0.1",
            "  starmap embed graph.duckdb --method mde --dim 4",
            "  starmap embed graph.duckdb --method node2vec --dim 8 --p 1 --q 0.5",
            "  starmap embed graph.duckdb --method tsne --dim 2 --from mde-4d"})
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", description = "The atlas file.")
    Path atlas;

    @Option(names = "--method", defaultValue = "tsne", description = "tsne, umap or pca on vectors (or --from a layout); "
            + "mde or node2vec on a relation graph (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--from", paramLabel = "LAYOUT", description = "Lay out a stored layout's coordinates instead of "
            + "the vectors (a chain: e.g. an 8-D graph embedding to 2-D); the layout records it.")
    String from;

    @Option(names = "--n-neighbors", description = "UMAP: the point and its nearest neighbours (default: 15).")
    Integer nNeighbors;

    @Option(names = "--min-dist", description = "UMAP: how tightly points may pack (default: 0.1).")
    Double minDist;

    @Option(names = "--spread", description = "UMAP: scale of the embedded points (default: 1.0).")
    Double spread;

    @Option(names = "--epochs", description = "UMAP: epochs of SGD (default: 500 up to 10,000 points, else 200).")
    Integer epochs;

    @Option(names = "--negative-sample-rate", description = "UMAP: negative samples per positive one (default: 5).")
    Integer negativeSampleRate;

    @Option(names = "--dim", defaultValue = "2", description = "Output dimensions: 2 or 3 (1 for t-SNE with "
            + "--approximation exact; 2-8 for mde, 1-64 for node2vec) (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--repulsive-fraction", description = "MDE: repulsive pairs per neighbour edge (default: 0.5).")
    Double repulsiveFraction;

    @Option(names = "--walk-length", description = "node2vec: steps per walk (default: 40).")
    Integer walkLength;

    @Option(names = "--walks-per-node", description = "node2vec: walks started at each node (default: 10).")
    Integer walksPerNode;

    @Option(names = "--window", description = "node2vec: skip-gram context size (default: 5).")
    Integer window;

    @Option(names = "--p", description = "node2vec: return parameter; 1/p weighs stepping back (default: 1).")
    Double returnP;

    @Option(names = "--q", description = "node2vec: in-out parameter; 1/q weighs moving outward (default: 1; "
            + "p = q = 1 is DeepWalk).")
    Double inOutQ;

    @Option(names = "--name", description = "Layout name (default: METHOD-DIMd, e.g. tsne-2d).")
    String name;

    @Option(names = "--perplexity", description = "Effective neighbours per point (default: 30).")
    Double perplexity;

    @Option(names = "--iterations", description = "Total iterations including early exaggeration (default: 750).")
    Integer iterations;

    @Option(names = "--early-exaggeration", description = "Attraction factor of the first iterations (default: 12).")
    Double earlyExaggeration;

    @Option(names = "--early-exaggeration-iterations", description = "How many first iterations (default: 250).")
    Integer earlyExaggerationIterations;

    @Option(names = "--exaggeration", description = "Attraction factor afterwards (default: 1).")
    Double exaggeration;

    @Option(names = "--learning-rate", description = "t-SNE: auto (max(n/12, 200)) or a number (default: auto); "
            + "UMAP: a number (default: 1).")
    String learningRate;

    @Option(names = "--theta", description = "Barnes-Hut opening angle (default: 0.5).")
    Double theta;

    @Option(names = "--approximation", description = "Repulsion: auto, exact, bh, fft, dual-tree (default: auto: "
            + "exact up to 1,000 points, else bh; on the GPU always fft).")
    String approximation;

    @Option(names = "--init", description = "t-SNE: pca or random (default: pca); UMAP: spectral, pca or random "
            + "(default: spectral; pca where the graph is disconnected or above 300,000 points).")
    String init;

    @Option(names = "--seed", description = "Random seed (default: 1).")
    Long seed;

    @Option(names = "--metric", description = "euclidean or cosine (default: euclidean).")
    String metric;

    @Option(names = "--knn", description = "auto, exact, ivf or hnsw (default: auto: exact up to about 20,000 "
            + "points, else ivf).")
    String knn;

    @Option(names = "--threads", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--device", description = "Where exact kNN and t-SNE run: auto, cpu or gpu (default: auto: an "
            + "NVIDIA GPU when one is usable and there are at least 5,000 points, else the CPU, said once).")
    String device = "auto";

    @Option(names = "--no-quality", description = "Skip the quality metrics.")
    boolean noQuality;

    @Option(names = "--replace", description = "Replace a layout of the same name.")
    boolean replace;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    TsneParams params() {
        TsneParams.Builder b = new TsneParams.Builder(TsneParams.DEFAULTS).dimensions(dim);
        Optional.ofNullable(perplexity).ifPresent(b::perplexity);
        Optional.ofNullable(iterations).ifPresent(b::iterations);
        Optional.ofNullable(earlyExaggeration).ifPresent(b::earlyExaggeration);
        Optional.ofNullable(earlyExaggerationIterations).ifPresent(b::earlyExaggerationIterations);
        Optional.ofNullable(exaggeration).ifPresent(b::exaggeration);
        Optional.ofNullable(learningRate).ifPresent(s -> b.learningRate(s.equals("auto") ? new LearningRate.Auto()
                : new LearningRate.Fixed(Double.parseDouble(s))));
        Optional.ofNullable(theta).ifPresent(b::theta);
        Optional.ofNullable(approximation).ifPresent(s -> b.approximation(Approximation.parse(s)));
        Optional.ofNullable(init).ifPresent(s -> b.initialization(TsneParams.Initialization.valueOf(s.toUpperCase(Locale.ROOT))));
        Optional.ofNullable(seed).ifPresent(b::seed);
        Optional.ofNullable(metric).ifPresent(s -> b.metric(Metric.parse(s)));
        Optional.ofNullable(knn).ifPresent(s -> b.knn(NeighborSearches.Method.parse(s)));
        return b.build();
    }

    UmapParams umapParams() {
        UmapParams u = UmapParams.DEFAULTS;
        u = new UmapParams(dim, Optional.ofNullable(nNeighbors).orElse(u.neighbors()),
                Optional.ofNullable(minDist).orElse(u.minDist()), Optional.ofNullable(spread).orElse(u.spread()),
                Optional.ofNullable(epochs).orElse(u.epochs()),
                Optional.ofNullable(negativeSampleRate).orElse(u.negativeSampleRate()),
                learningRate == null || learningRate.equals("auto") ? u.learningRate() : number("--learning-rate",
                        learningRate), u.repulsionStrength(),
                init == null ? u.initialization() : parseInit(init), Optional.ofNullable(seed).orElse(u.seed()),
                metric == null ? u.metric() : Metric.parse(metric),
                knn == null ? u.knn() : NeighborSearches.Method.parse(knn), u.pcaDimensions());
        return u;
    }

    MdeParams mdeParams() {
        MdeParams p = MdeParams.DEFAULTS.withDimensions(dim);
        p = repulsiveFraction == null ? p : p.withRepulsiveFraction(repulsiveFraction);
        p = iterations == null ? p : p.withMaxIterations(iterations);
        p = seed == null ? p : p.withSeed(seed);
        if (init != null) {
            try {
                p = p.withInitialization(MdeParams.Initialization.valueOf(init.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw starmap.core.InvalidInputException.in("--init").problem("unknown initialisation '" + init
                        + "' for MDE; expected auto, spectral or random");
            }
        }
        return p;
    }

    Node2VecParams node2vecParams() {
        Node2VecParams p = Node2VecParams.DEFAULTS.withDimension(dim);
        p = walkLength == null ? p : p.withWalkLength(walkLength);
        p = walksPerNode == null ? p : p.withWalksPerNode(walksPerNode);
        p = window == null ? p : p.withWindow(window);
        p = returnP == null ? p : p.withP(returnP);
        p = inOutQ == null ? p : p.withQ(inOutQ);
        p = epochs == null ? p : p.withEpochs(epochs);
        p = learningRate == null || learningRate.equals("auto") ? p : p.withLearningRate(number("--learning-rate",
                learningRate));
        p = seed == null ? p : p.withSeed(seed);
        return p;
    }

    private static double number(String option, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw starmap.core.InvalidInputException.in(option).problem("must be a number, got '" + s + "'");
        }
    }

    private static UmapParams.Initialization parseInit(String s) {
        try {
            return UmapParams.Initialization.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw starmap.core.InvalidInputException.in("--init").problem("unknown initialisation '" + s
                    + "' for UMAP; expected spectral, pca or random");
        }
    }

    @Override
    public Integer call() {
        EmbedRequest.Method m0 = EmbedRequest.Method.parse(method);
        EmbedRequest request = new EmbedRequest(m0, Optional.ofNullable(name),
                m0 == EmbedRequest.Method.UMAP || m0.onGraph() ? TsneParams.DEFAULTS.withDimensions(Math.min(dim, 3))
                        : params(),
                m0 == EmbedRequest.Method.UMAP ? umapParams() : UmapParams.DEFAULTS, !noQuality, replace,
                Optional.ofNullable(from), m0 == EmbedRequest.Method.MDE ? mdeParams() : MdeParams.DEFAULTS,
                m0 == EmbedRequest.Method.NODE2VEC ? node2vecParams() : Node2VecParams.DEFAULTS);
        if (m0.onGraph() && from != null) {
            throw starmap.core.InvalidInputException.in("--from").problem(method + " lays out the atlas's relation graph; "
                    + "--from chains t-SNE, UMAP or PCA after it");
        }
        ConsoleProgress progress = new ConsoleProgress(System.err, quiet);
        try (Parallel par = threads == null ? Parallel.ofAvailableProcessors() : Parallel.of(threads);
             Atlas a = Atlas.open(atlas)) {
            LayoutContext ctx = new LayoutContext(par, progress, (it, total, kl) -> {
                progress.advance(1);
                if (!Double.isNaN(kl)) {
                    progress.note(String.format(Locale.ROOT, "KL %.4f", kl));
                }
            }).withDevice(Device.parse(device));
            Embedder.Result r = Embedder.run(a, request, ctx);
            var out = spec.commandLine().getOut();
            var m = r.layout().manifest();
            double seconds = m.timings().values().stream().mapToDouble(d -> d.toNanos() / 1e9).sum();
            out.printf(Locale.ROOT, "Stored layout '%s' (%s, %d-D, %,d points) in %s%n", m.name(), m.method(),
                    m.dimension(), r.layout().size(), atlas);
            StringBuilder t = new StringBuilder();
            m.timings().forEach((k, v) -> t.append(String.format(Locale.ROOT, "%s %.1f s, ", k, v.toNanos() / 1e9)));
            out.printf(Locale.ROOT, "  time     %.1f s (%s)%n", seconds, t.length() > 2 ? t.substring(0, t.length() - 2) : "");
            if (r.reusedGraph()) {
                out.println("  knn      reused the stored graph");
            }
            if (r.quality().isPresent() || !m.metrics().isEmpty()) {
                QualityCommand.printHeadline(m.metrics(), out);
            }
            out.println("Next: starmap quality " + atlas + " --layout " + m.name());
        }
        return 0;
    }
}
