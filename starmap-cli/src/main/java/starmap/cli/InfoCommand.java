/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.store.Atlas;
import starmap.store.AtlasSummary;

/** {@code starmap info}: what an atlas holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe an atlas: points, vectors, columns, images, sources, layouts with their metrics, "
                + "kNN graphs, annotations.",
        footer = {"", "Example:", "  starmap info fmnist.duckdb"})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", description = "The atlas file.")
    Path atlas;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AtlasSummary s;
        try (Atlas a = Atlas.openReadOnly(atlas)) {
            s = a.summary();
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper m = new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            out.println(m.writeValueAsString(SummaryJson.of(s)));
        } else {
            SummaryText.print(s, out);
        }
        return 0;
    }
}
