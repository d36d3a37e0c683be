package io.github.reftrack.internal.engine;

import io.github.reftrack.RefTracking;

/**
 * What one tracking directory records, fixed when it is created.
 *
 * @param className      what kind of object the directory tracks
 * @param quarantine     how many released trackers it keeps as history
 * @param mode           {@code FULL} or {@code SAMPLE}
 * @param sampleInterval one reference in this many gets a stack; 1 for all
 * @param detectLost     whether trackers found unreachable while live are reported
 */
public record DirectorySettings(String className, int quarantine, RefTracking.Mode mode, int sampleInterval,
        boolean detectLost) {
}
