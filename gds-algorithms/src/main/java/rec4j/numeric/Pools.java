package rec4j.numeric;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The worker pools of the parallel algorithms: daemon threads that never keep the JVM alive, and waiting on them. */
public final class Pools {

    private Pools() {}

    /** A fixed pool of {@code threads} daemon threads named {@code name}. */
    public static ExecutorService daemon(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code part.accept(k)} for k = 0 .. parts - 1 on {@code pool} (on this thread when the pool is null or there
     * is one part) and waits for all, as {@link #awaitAll} does.
     */
    public static void forEachPart(ExecutorService pool, int parts, java.util.function.IntConsumer part, String what) {
        if (pool == null || parts <= 1) {
            for (int k = 0; k < parts; k++) {
                part.accept(k);
            }
            return;
        }
        java.util.List<Future<?>> futures = new java.util.ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int which = k;
            futures.add(pool.submit(() -> part.accept(which)));
        }
        awaitAll(futures, what);
    }

    /**
     * Waits for every future in order; an interrupt (the flag is set again) or a failed task ends the wait with an
     * {@link IllegalStateException} "{@code what} interrupted" or "{@code what} failed" (caused by the task's exception).
     */
    public static void awaitAll(List<? extends Future<?>> futures, String what) {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
