package io.github.reftrack.bench;

import java.util.Locale;

/**
 * One measured value with its error (JMH's 99.9% confidence half-width; {@code NaN} when there
 * were too few iterations to compute one).
 *
 * @param value the mean
 * @param error the half-width of the confidence interval
 * @param unit  e.g. {@code ns/op}
 */
public record Score(double value, double error, String unit) {

    /**
     * Divides two scores, propagating their relative errors.
     *
     * @param divisor the denominator
     * @return this / divisor, unitless
     */
    public Score over(Score divisor) {
        double ratio = value / divisor.value;
        double relative = Math.hypot(error / value, divisor.error / divisor.value);
        return new Score(ratio, Math.abs(ratio) * relative, "×");
    }

    /**
     * Formats the value and error with a precision that suits the value.
     *
     * @return e.g. {@code 1234 ± 12} or {@code 0.98 ± 0.03}
     */
    public String format() {
        String pattern = Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f"
                : Math.abs(value) >= 1 ? "%.2f" : "%.3f";
        String text = String.format(Locale.ROOT, pattern, value);
        return Double.isNaN(error) ? text : text + " ± " + String.format(Locale.ROOT, pattern, error);
    }
}
