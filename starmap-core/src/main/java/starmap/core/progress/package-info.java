/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Progress reporting and cancellation for long work: importers, kNN, layouts. The CLI draws a bar,
 * the server streams events; computation only calls {@link starmap.core.progress.Progress}.
 */
package starmap.core.progress;
