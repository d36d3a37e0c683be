package io.github.reftrack.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a scenario's program once as a JVM of its own under {@code /usr/bin/time}, and checks that
 * the run was clean: exit status 0, no leak or double-release report from Netty or reftrack in its
 * output, and (with reftrack-agent) no event in its JSON event log.
 */
final class WholeProcess {
    /** Text that no clean run prints: Netty's and reftrack's reports, and failures. */
    private static final List<String> NEVER = List.of("LEAK:", "SEVERE", "leaked", "already released",
            "Exception", "Error:");
    private static final String TIME = "/usr/bin/time";

    private final String java;
    private final String classPath;
    private final String mainClass;
    private final Path dir;

    /**
     * Runs children of one program.
     *
     * @param java      the {@code java} launcher of the children
     * @param classPath the program's class path
     * @param mainClass the program
     * @param dir       where each run's output, timing and event log go
     */
    WholeProcess(String java, String classPath, String mainClass, Path dir) {
        this.java = java;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.dir = dir;
    }

    /**
     * Runs the variant once.
     *
     * @param variant what to run
     * @param run     a number that names this run's files
     * @return what it measured
     * @throws IOException          if the process cannot be started or its files read
     * @throws InterruptedException if interrupted while waiting for it
     * @throws IllegalStateException if the run failed or was not clean (the message names its log)
     */
    Sample run(Variant variant, int run) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(TIME))) {
            throw new IllegalStateException(TIME + " is missing: install it (Debian: apt-get install time)");
        }
        String stem = variant.name() + "-" + run;
        Path log = dir.resolve(stem + ".log");
        Path times = dir.resolve(stem + ".time");
        Path events = dir.resolve(stem + ".events.json");
        Files.deleteIfExists(events);
        Process process = new ProcessBuilder(command(variant, times, events))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int status = process.waitFor();
        String output = Files.readString(log);
        if (status != 0) {
            throw new IllegalStateException(variant.name() + " exited with status " + status + ": see " + log);
        }
        check(variant, output, log, events);
        String[] cpu = Files.readString(times).trim().split("\\s+");
        return new Sample(Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]), Double.parseDouble(cpu[2]),
                results(output));
    }

    private List<String> command(Variant variant, Path times, Path events) {
        List<String> command = new ArrayList<>(List.of(TIME, "-f", "%U %S %e", "-o", times.toString(), java));
        command.addAll(variant.jvmArgs());
        if (variant.reftrack()) {
            command.add("-Dreftrack.jsonLog=" + events);
        }
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(variant.args());
        return command;
    }

    private static void check(Variant variant, String output, Path log, Path events) throws IOException {
        for (String line : output.split("\n")) {
            for (String never : NEVER) {
                if (line.contains(never)) {
                    throw new IllegalStateException(variant.name() + " is not a clean run (" + line.strip()
                            + "): see " + log);
                }
            }
        }
        if (Files.exists(events) && !Files.readString(events).isBlank()) {
            throw new IllegalStateException(variant.name() + " logged reftrack events in a clean run: see " + events);
        }
    }

    /**
     * The {@code result NAME VALUE} lines of a program's output.
     *
     * @param output what the program printed
     * @return the values by name
     */
    static Map<String, Double> results(String output) {
        Map<String, Double> results = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] words = line.strip().split(" ");
            if (words.length == 3 && words[0].equals("result")) {
                results.put(words[1], Double.parseDouble(words[2].toLowerCase(Locale.ROOT)));
            }
        }
        return results;
    }
}
