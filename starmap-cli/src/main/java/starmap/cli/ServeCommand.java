/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import starmap.core.InvalidInputException;
import starmap.server.StarmapServer;

/** {@code starmap serve}: the viewer and HTTP API over one or more atlases. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve atlases to the browser: prints the URL of the map viewer and runs until stopped (Ctrl-C).",
            "Binds to 127.0.0.1 unless --host says otherwise; any other address requires --token."},
        footer = {"", "Examples:", "  starmap serve fmnist.duckdb", "  starmap serve a.duckdb b.duckdb --port 8080",
            "  starmap serve fmnist.duckdb --host 0.0.0.0 --token \"$(openssl rand -hex 16)\""})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ATLAS", arity = "1..*", description = "Atlas files; each is served under its file name "
            + "without the extension.")
    List<Path> atlases;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Access token every API request must carry; "
            + "required when binding to a non-local address. Also read from STARMAP_TOKEN.")
    String token;

    @Option(names = "--read-only", description = "Open the atlases read-only: no tagging, relabelling or deleting "
            + "from the viewer, and other processes may read the files meanwhile.")
    boolean readOnly;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw InvalidInputException.in("--port").problem("must be in [0, 65535], got " + port);
        }
        Map<String, Path> named = new LinkedHashMap<>();
        for (Path p : atlases) {
            if (!Files.isRegularFile(p)) {
                throw InvalidInputException.in(p.toString()).problem("is not an atlas file (make one with 'starmap import')");
            }
            String name = p.getFileName().toString().replaceFirst("\\.duckdb$", "");
            if (named.putIfAbsent(name, p) != null) {
                throw InvalidInputException.in(p.toString()).problem("has the same name '" + name + "' as "
                        + named.get(name) + "; rename one of them");
            }
        }
        Optional<String> t = Optional.ofNullable(token).or(() -> Optional.ofNullable(System.getenv("STARMAP_TOKEN")))
                .filter(s -> !s.isBlank());
        StarmapServer server = StarmapServer.start(new StarmapServer.Options(named, host, port, t, readOnly));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Serving " + String.join(", ", server.atlasNames()) + " — open " + server.url());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
