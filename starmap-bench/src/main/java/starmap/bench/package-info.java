/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * End-to-end benchmark harnesses: each generates or finds its inputs, runs Starmap and reference tools
 * on the same files in the same process run, checks the results, and prints medians and ratios.
 * Commands and recorded figures are in docs/benchmarks.md.
 */
package starmap.bench;
