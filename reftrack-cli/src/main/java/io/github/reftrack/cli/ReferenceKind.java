package io.github.reftrack.cli;

/**
 * What the references of a set of reports are, for the words that count them: a snapshot holds
 * live references, a leak event or a leaked run leaked ones. Immutable.
 */
enum ReferenceKind {
    /** A snapshot of references still held: {@code reftrack dump --json}, {@code LeakReport.toJson()}. */
    LIVE("live"),
    /** References reported as leaked: leak and abandoned-directory events, a leaked demo run. */
    LEAKED("leaked"),
    /** Both, from several inputs. */
    MIXED("live or leaked");

    private final String adjective;

    ReferenceKind(String adjective) {
        this.adjective = adjective;
    }

    /** The kind of the references of inputs that hold live ones, leaked ones, or both (or none: live). */
    static ReferenceKind of(boolean live, boolean leaked) {
        return leaked ? (live ? MIXED : LEAKED) : LIVE;
    }

    /** {@code 1 leaked reference}, {@code 7 live references}. */
    String count(long references) {
        return references + " " + noun(references);
    }

    /** {@code leaked reference} for one, {@code live references} for any other number. */
    String noun(long references) {
        return adjective + (references == 1 ? " reference" : " references");
    }

    /** {@code live references}, {@code leaked references}. */
    String plural() {
        return adjective + " references";
    }
}
