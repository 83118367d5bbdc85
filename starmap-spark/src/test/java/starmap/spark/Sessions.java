/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: loopback only, no UI, few shuffle partitions. */
final class Sessions {
    private Sessions() {
    }

    static SparkSession local(String master) {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.sql.shuffle.partitions", "4");
        return RelateJob.session(master);
    }
}
