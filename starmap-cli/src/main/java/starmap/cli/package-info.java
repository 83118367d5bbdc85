/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code starmap} command (picocli). Subcommands map one-to-one onto the store's and core's
 * option records; this package holds no algorithm or storage code, only argument parsing, progress
 * bars and printing.
 */
package starmap.cli;
