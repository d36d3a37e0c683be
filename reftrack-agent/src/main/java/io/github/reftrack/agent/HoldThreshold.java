package io.github.reftrack.agent;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a hold threshold: a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1h} (a bare number is seconds). A value that is not one, or is not more than zero, is
 * reported once, naming where it was given, and turns long-held reports off there.
 */
final class HoldThreshold {
    private HoldThreshold() {
    }

    /**
     * The threshold {@code text} names, or null (after one message to {@code problems}) when it
     * names none.
     *
     * @param where how the user gave it, e.g. {@code -Dreftrack.holdThreshold}
     */
    static Duration parse(String text, String where, Consumer<String> problems) {
        // compiled here, not at class load: the agent's start parses no threshold unless one is given
        Matcher m = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches() && Long.parseLong(m.group(1)) > 0) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        problems.accept(where + "=" + text.strip() + " is not a hold threshold: write a whole number above 0 with"
                + " ms, s, m or h, e.g. 30s; references held long are not reported");
        return null;
    }

    /**
     * Each profile's hold threshold: its own ({@link ProfileParser#holdThreshold(Profile)}), each
     * written value parsed and reported once, else {@code all}; the argument's
     * {@code holdThreshold.NAME=} options for profiles not tracked are reported too.
     *
     * @param all the threshold of profiles without their own, or null
     * @return the thresholds of the profiles that have one
     */
    static Map<Profile, Duration> perProfile(ProfileParser parsed, List<Profile> profiles, Duration all,
            Consumer<String> problems) {
        parsed.unusedHoldThresholds().forEach(problems);
        Map<Profile, Duration> thresholds = new HashMap<>();
        Map<String, Duration> parsedOwn = new HashMap<>();
        for (Profile profile : profiles) {
            String own = parsed.holdThreshold(profile);
            String option = parsed.holdThresholdOption(profile);
            if (own != null && !parsedOwn.containsKey(option)) {
                parsedOwn.put(option, parse(own, option, problems));
            }
            Duration threshold = own == null ? all : parsedOwn.get(option);
            if (threshold != null) {
                thresholds.put(profile, threshold);
            }
        }
        return thresholds;
    }
}
