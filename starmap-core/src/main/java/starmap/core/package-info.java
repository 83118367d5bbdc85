/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Starmap's core: the exception hierarchy shared by every module, and (in sub-packages) the data
 * structures every stage of the pipeline exchanges.
 *
 * <p>Errors a user can cause are {@link starmap.core.InvalidInputException}s that name the source
 * (a file or a parameter), the row and the column where known. Everything here is unchecked.
 */
package starmap.core;
