package io.github.reftrack.bench.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The median of a few measurements and their range, as the tables print them.
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min    the smallest
 * @param max    the largest
 * @param count  how many
 */
public record Spread(double median, double min, double max, int count) {
    /**
     * Summarises values.
     *
     * @param values at least one value
     * @return their median and range
     * @throws IllegalArgumentException if there is none
     */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarise");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /**
     * The median with the range, e.g. {@code 2.31 (2.22–2.52)}.
     *
     * @param digits significant digits
     * @return the text
     */
    public String format(int digits) {
        return format(digits, "");
    }

    /**
     * The median with its unit, then the range, e.g. {@code 1.21× (1.10–1.35)}.
     *
     * @param digits significant digits
     * @param unit   what follows the median
     * @return the text
     */
    public String format(int digits, String unit) {
        return number(median, digits) + unit + " (" + number(min, digits) + "–" + number(max, digits) + ")";
    }

    /**
     * A number with {@code digits} significant digits, without exponent.
     *
     * @param value  the number
     * @param digits significant digits, at least 1
     * @return the text
     */
    public static String number(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
        int decimals = Math.max(0, digits - 1 - magnitude);
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
