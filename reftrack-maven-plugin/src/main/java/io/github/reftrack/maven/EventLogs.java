package io.github.reftrack.maven;

import java.util.List;

/**
 * What the event logs under one directory held.
 *
 * @param files       the logs read
 * @param findings    leaks and double releases, in file order
 * @param corrupt     the lines skipped, each as {@code file:line: why}
 * @param otherEvents events read that are neither (misuse, stuck teardowns)
 */
record EventLogs(List<String> files, List<Finding> findings, List<String> corrupt, int otherEvents) {

    EventLogs {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
        corrupt = List.copyOf(corrupt);
    }
}
