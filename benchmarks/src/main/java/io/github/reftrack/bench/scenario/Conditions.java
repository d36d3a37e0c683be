package io.github.reftrack.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What a table must say about the run it came from: JDK, time, machine load. */
final class Conditions {
    private Conditions() {
    }

    /**
     * One line: JDK, UTC time now, cores, load averages.
     *
     * @param when {@code start} or {@code end}
     * @return the line
     */
    static String line(String when) {
        return "- " + when + ": " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + Runtime.getRuntime().availableProcessors()
                + " CPUs, load average " + load();
    }

    private static String load() {
        try {
            String[] words = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return words[0] + " " + words[1] + " " + words[2];
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
