/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Where work runs: {@link starmap.core.device.Device} ({@code --device auto|cpu|gpu}) and the
 * {@link starmap.core.device.Accelerator} service an optional module (starmap-gpu) provides.
 */
package starmap.core.device;
