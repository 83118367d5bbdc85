/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Shared by tests and benchmarks: seeded generators of clustered data and writers for the binary and
 * text formats Starmap imports, so tests build their inputs instead of committing them.
 */
package starmap.testkit;
