/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.bench;

import java.util.Arrays;

/** {@code java -jar starmap-bench.jar import|tsne|umap|repulsion|scale|viewer|curation|cooccurrence|relations|zipf-parquet [options]}: the benchmark harnesses. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (which) {
            case "import" -> ImportBench.main(rest);
            case "tsne" -> TsneBench.main(rest);
            case "umap" -> {
                String[] withMethod = Arrays.copyOf(new String[] {"--method", "umap"}, rest.length + 2);
                System.arraycopy(rest, 0, withMethod, 2, rest.length);
                TsneBench.main(withMethod);
            }
            case "repulsion" -> RepulsionBench.main(rest);
            case "scale" -> ScaleBench.main(rest);
            case "viewer" -> ViewerBench.main(rest);
            case "curation" -> CurationBench.main(rest);
            case "cooccurrence" -> CooccurrenceBench.main(rest);
            case "relations" -> RelationsBench.main(rest);
            case "zipf-parquet" -> ZipfParquet.main(rest);
            default -> {
                System.err.println("usage: java -jar starmap-bench.jar import|tsne|umap|repulsion|scale|viewer|curation|cooccurrence|relations|zipf-parquet [options] (see docs/benchmarks.md)");
                System.exit(2);
            }
        }
    }
}
