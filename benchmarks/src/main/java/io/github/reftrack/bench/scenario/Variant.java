package io.github.reftrack.bench.scenario;

import java.util.List;

/**
 * One way of running a scenario's program as a whole process: a name for the tables, the JVM
 * options that make it what it is (an agent, Netty's detector level) and the program's arguments.
 *
 * @param name       the row's name, unique within a scenario (also the log file's name)
 * @param jvmArgs    JVM options before the class path
 * @param args       the program's arguments
 * @param reftrack   whether reftrack-agent is loaded: its JSON event log is then checked for events
 */
public record Variant(String name, List<String> jvmArgs, List<String> args, boolean reftrack) {
    /**
     * Copies the lists.
     *
     * @param name     the row's name
     * @param jvmArgs  JVM options
     * @param args     program arguments
     * @param reftrack whether reftrack-agent is loaded
     */
    public Variant {
        jvmArgs = List.copyOf(jvmArgs);
        args = List.copyOf(args);
    }
}
