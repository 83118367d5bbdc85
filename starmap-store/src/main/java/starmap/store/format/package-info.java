/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * File formats Starmap both reads and writes: the NumPy {@code .npy} header.
 */
package starmap.store.format;
