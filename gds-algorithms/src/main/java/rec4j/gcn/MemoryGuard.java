package rec4j.gcn;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * GDS-style memory guard: before a procedure allocates, its estimate is compared with the heap that is free now
 * (the maximum heap less what is in use); a procedure whose estimate does not fit is refused with the numbers, its
 * largest parts and the configuration keys that shrink it, unless the caller passes {@code sudo: true}.
 */
public final class MemoryGuard {

    private MemoryGuard() {}

    /**
     * @param keysToChange the configuration keys that lower the estimate, as the message should list them
     *                     (e.g. "batchSize, negativeSamples or embeddingDimension")
     * @throws IllegalArgumentException when the estimate exceeds the free heap and {@code sudo} is false
     */
    public static void check(String procedure, GcnMemoryEstimate.Estimate estimate, boolean sudo, String keysToChange) {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        check(procedure, estimate, sudo, keysToChange, max - (runtime.totalMemory() - runtime.freeMemory()), max);
    }

    /** As {@link #check(String, GcnMemoryEstimate.Estimate, boolean, String)} with the free and maximum heap given. */
    public static void check(String procedure, GcnMemoryEstimate.Estimate estimate, boolean sudo, String keysToChange,
            long freeHeap, long maxHeap) {
        if (sudo || estimate.bytes() <= freeHeap) {
            return;
        }
        String largest = estimate.components().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("phase"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3)
                .map(e -> e.getKey() + " " + humanBytes(e.getValue()))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException(procedure + ": the estimated heap needed, "
                + humanBytes(estimate.bytes()) + ", exceeds the free heap, "
                + humanBytes(Math.max(0, freeHeap)) + " (max heap " + humanBytes(maxHeap)
                + "; largest parts: " + largest + "); lower " + keysToChange + ", or pass sudo: true to run anyway");
    }

    /**
     * The off-heap side of the guard: {@code bytes} of native memory (ND4J / JavaCPP arrays) against what JavaCPP may
     * still allocate ({@code -Dorg.bytedeco.javacpp.maxbytes}, by default the maximum heap, less what it holds now).
     */
    public static void checkOffHeap(String procedure, long bytes, boolean sudo, String keysToChange) {
        long max = org.bytedeco.javacpp.Pointer.maxBytes();
        long free = max <= 0 ? Long.MAX_VALUE : max - org.bytedeco.javacpp.Pointer.totalBytes();
        if (sudo || bytes <= free) {
            return;
        }
        throw new IllegalArgumentException(procedure + ": the estimated native (off-heap) memory needed, "
                + humanBytes(bytes) + ", exceeds what JavaCPP may still allocate, " + humanBytes(Math.max(0, free))
                + " (org.bytedeco.javacpp.maxbytes " + humanBytes(max) + "); lower " + keysToChange
                + ", raise org.bytedeco.javacpp.maxbytes, or pass sudo: true to run anyway");
    }

    /** Bytes for a person: "3.1 GiB". */
    public static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
