package io.github.reftrack.cli;

/** English for counts in messages: {@code 1 directory}, {@code 3 directories}. */
final class Words {

    private Words() {
    }

    static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
