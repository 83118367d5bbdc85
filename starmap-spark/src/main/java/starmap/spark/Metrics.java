/*
 * Copyright 2026 The Starmap Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package starmap.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Adds up the tasks' shuffle and spill figures and lists the stages with their durations while the job
 * runs, for the manifest and the benchmark.
 */
final class Metrics extends SparkListener {
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong shuffleWrite = new AtomicLong();
    private final AtomicLong spillMemory = new AtomicLong();
    private final AtomicLong spillDisk = new AtomicLong();
    private final AtomicLong peakExecution = new AtomicLong();
    private final List<String> stages = new ArrayList<>();

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        StageInfo i = e.stageInfo();
        if (i.submissionTime().isDefined() && i.completionTime().isDefined()) {
            long ms = (Long) i.completionTime().get() - (Long) i.submissionTime().get();
            synchronized (stages) {
                stages.add(i.stageId() + " " + i.name().replace("$anonfun$withThreadLocalCaptured$1 at ", "")
                        + ": " + i.numTasks() + " tasks, " + ms / 1000.0 + " s");
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        TaskMetrics m = end.taskMetrics();
        if (m == null) {
            return;
        }
        tasks.incrementAndGet();
        shuffleWrite.addAndGet(m.shuffleWriteMetrics().bytesWritten());
        spillMemory.addAndGet(m.memoryBytesSpilled());
        spillDisk.addAndGet(m.diskBytesSpilled());
        peakExecution.accumulateAndGet(m.peakExecutionMemory(), Math::max);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", tasks.get());
        m.put("shuffle_write_bytes", shuffleWrite.get());
        m.put("spill_memory_bytes", spillMemory.get());
        m.put("spill_disk_bytes", spillDisk.get());
        m.put("peak_task_execution_memory_bytes", peakExecution.get());
        synchronized (stages) {
            m.put("stages", List.copyOf(stages));
        }
        return m;
    }
}
