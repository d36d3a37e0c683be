package io.github.reftrack;

/** The one check of each argument that several entry points accept, with its one message. */
final class Checks {
    private Checks() {
    }

    /** Checks a display limit: 0 or more. */
    static int displayLimit(int displayLimit) {
        if (displayLimit < 0) {
            throw new IllegalArgumentException("displayLimit must be >= 0 (0 shows only the skipped count), was "
                    + displayLimit);
        }
        return displayLimit;
    }
}
