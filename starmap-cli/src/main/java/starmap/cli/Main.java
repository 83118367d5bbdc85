/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import starmap.core.InvalidInputException;
import starmap.core.progress.CancelledException;
import starmap.store.Version;

/** Entry point of the {@code starmap} command. */
@Command(name = "starmap", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Interactive maps of embeddings and relationship data.",
        subcommands = {ImportCommand.class, RelateCommand.class, InfoCommand.class, EmbedCommand.class, QualityCommand.class, QueryCommand.class, ServeCommand.class,
            ExportCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code for input the user can fix: a bad file, row or parameter. */
    public static final int BAD_INPUT = 2;

    /** Arrow announces its allocator at INFO on first use; users need not see it. */
    private static final java.util.logging.Logger QUIET_LOGGERS = java.util.logging.Logger.getLogger("org.apache.arrow");

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; for tests and embedding. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        QUIET_LOGGERS.setLevel(java.util.logging.Level.WARNING);
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidInputException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof CancelledException) {
                err.println("cancelled");
                return 130;
            }
            err.println("error: " + e);
            if (System.getenv("STARMAP_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set STARMAP_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** Prints the version from the jar manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"starmap " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
