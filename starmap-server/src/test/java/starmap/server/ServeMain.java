/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.server;

import java.nio.file.Path;
import java.util.Map;

/** A server in a JVM of its own, for the crash test: serves one atlas writable and prints its port. */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StarmapServer s = StarmapServer.start(StarmapServer.Options.localWritable(Map.of("shapes", Path.of(args[0])), 0));
        System.out.println("PORT " + s.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
