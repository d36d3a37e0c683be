package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sample mode tracks objects chosen at random, counts their references exactly, and says it is a sample. */
class SampleModeIT {
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";
    private static final int PERIOD = 64;
    /** (63/64)^1500 < 1e-10: the chance that no leaking object at all is sampled. */
    private static final int PERIODS = 1500;
    private static final Pattern LEAKED = Pattern.compile(
            "lease at exit: (\\d+) sampled object\\(s\\) leaked (\\d+) reference\\(s\\) at\n"
            + "(?:  acquire site: \\d+ taken, \\d+ released\n)?"
            + "     example\\.generic\\.PeriodicLeakApp\\.main\\(PeriodicLeakApp\\.java:");
    private static final Pattern ESTIMATED = Pattern.compile("\nlease at exit: a sample, 1 object in 64 tracked at"
            + " random: (\\d+) sampled object\\(s\\), about (\\d+) in all\n");

    @Test
    void periodicLeak_isCaught_andEverySampledObjectsReferencesAreCounted() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC + ",mode=sample"), "-Dreftrack.sample=64"),
                Child.classpath(null), "example.generic.PeriodicLeakApp", Integer.toString(PERIODS),
                Integer.toString(PERIOD));

        String report = Child.exitReport(output);
        Matcher leaked = LEAKED.matcher(report);
        assertThat(leaked.find()).as("exit report:%n%s", report).isTrue();
        int objects = Integer.parseInt(leaked.group(1));
        assertThat(objects).isBetween(1, PERIODS);
        assertThat(Integer.parseInt(leaked.group(2))).isEqualTo(objects);
        Matcher estimated = ESTIMATED.matcher(report);
        assertThat(estimated.find()).as("exit report:%n%s", report).isTrue();
        assertThat(Integer.parseInt(estimated.group(1))).isEqualTo(objects);
        assertThat(Long.parseLong(estimated.group(2))).isEqualTo(64L * objects);
        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n")
                .doesNotContain("release(s) of references taken before tracking started")
                .doesNotContain("still outstanding");
        assertThat(output).contains(": a sample, 1 object in 64 tracked at random: 1 sampled object(s), about 64"
                + " in all").doesNotContainIgnoringCase("double release").doesNotContain("misuse");
    }
}
