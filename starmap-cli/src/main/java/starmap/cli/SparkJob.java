/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import starmap.core.InvalidInputException;
import starmap.core.StarmapException;

/**
 * Runs the Spark job ({@code starmap-spark.jar}, main class {@code starmap.spark.RelateJob}) for
 * {@code starmap relate --engine spark}: through {@code $SPARK_HOME/bin/spark-submit} when Spark is
 * installed, else in a child JVM on the Spark jars that the build resolved
 * ({@code starmap-spark/target/spark-runtime.classpath}, with the JVM flags of {@code spark-jvm.flags}
 * beside it), which is enough for local mode and for a
 * standalone master of the same Spark version (the job then ships its own jar to the executors; input and
 * output must be on a filesystem every node sees). The job's output is passed on line by line.
 */
final class SparkJob {
    static final String MAIN = "starmap.spark.RelateJob";

    private SparkJob() {
    }

    /**
     * Runs the job with {@code args} (its own options) on {@code master} (null: local mode on all cores).
     *
     * @param memory the driver's heap, e.g. "8g" (in local mode also the executors'), or null for the JVM's default
     */
    static void run(List<String> args, String master, String memory, PrintWriter err) {
        Path jar = locate("starmap-spark.jar");
        List<String> cmd = new ArrayList<>();
        Optional<Path> submit = Optional.ofNullable(System.getenv("SPARK_HOME"))
                .map(h -> Path.of(h, "bin", "spark-submit")).filter(Files::isExecutable);
        if (submit.isPresent()) {
            cmd.add(submit.get().toString());
            cmd.add("--master");
            cmd.add(master == null ? "local[*]" : master);
            if (memory != null) {
                cmd.add("--driver-memory");
                cmd.add(memory);
            }
            cmd.add("--class");
            cmd.add(MAIN);
            cmd.add(jar.toString());
        } else {
            Path cp = locate("spark-runtime.classpath");
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            // the flags Spark needs on JDK 25, as starmap-spark's build lists them
            cmd.addAll(List.of(read(locate("spark-jvm.flags")).split("\\s+")));
            if (memory != null) {
                cmd.add("-Xmx" + memory);
            }
            cmd.add("-cp");
            cmd.add(jar + java.io.File.pathSeparator + read(cp));
            cmd.add(MAIN);
            if (master != null) {
                cmd.add("--master");
                cmd.add(master);
            }
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (System.getenv("SPARK_LOCAL_IP") == null && (master == null || master.startsWith("local"))) {
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new StarmapException("cannot start the Spark job (" + cmd.get(0) + "): " + e.getMessage(), e);
        }
        int exit;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                err.println(line);
            }
            exit = p.waitFor();
        } catch (IOException e) {
            throw new StarmapException("lost the Spark job's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StarmapException("interrupted while the Spark job ran");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
        if (exit == 2) {
            // the job refused its input or options and said why (above); nothing was written
            throw InvalidInputException.in("the Spark job").problem("refused the input; its message is above");
        }
        if (exit != 0) {
            throw new StarmapException("the Spark job failed (exit " + exit + "); its messages are above");
        }
    }

    /**
     * A file of starmap-spark's build: beside this program's jar or classes, in
     * {@code starmap-spark/target/} of the checkout, or in the directory {@code -Dstarmap.spark.dir} names.
     */
    static Path locate(String name) {
        List<Path> tried = new ArrayList<>();
        String dir = System.getProperty("starmap.spark.dir");
        if (dir != null) {
            tried.add(Path.of(dir, name));
        }
        try {
            Path here = Path.of(SparkJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            tried.add(here.resolveSibling(name));
            for (Path p = here; p != null; p = p.getParent()) {
                tried.add(p.resolve("starmap-spark").resolve("target").resolve(name));
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the error with what was tried
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new StarmapException("the Spark engine needs " + name + " from the starmap-spark build (mvn install "
                + "in the Starmap checkout, or -Dstarmap.spark.dir=DIR); looked in " + tried.stream().limit(4)
                .map(p -> p.getParent().toString()).toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
