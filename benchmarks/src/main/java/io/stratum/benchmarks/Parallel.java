package io.stratum.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same task on N threads at once and sums what they did; the first failure fails the run. */
final class Parallel {
    private Parallel() {
    }

    @FunctionalInterface
    interface PerThread {
        long run(int thread) throws Exception;
    }

    static long run(int threads, PerThread task) throws Exception {
        if (threads == 1) {
            return task.run(0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> task.run(thread)));
            }
            long total = 0;
            for (Future<Long> future : futures) {
                total += future.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
