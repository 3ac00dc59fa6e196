package rec4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc (Linux): now and the peak. */
record Rss(long currentMib, long peakMib) {

    static Rss now() {
        long current = -1, peak = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    current = kib(line) / 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024;
                }
            }
        } catch (IOException e) {
            // not on Linux: report -1
        }
        return new Rss(current, peak);
    }

    /** The one-minute load average (NaN off Linux). */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    @Override
    public String toString() {
        return "RSS " + currentMib + " MiB (peak " + peakMib + " MiB)";
    }
}
