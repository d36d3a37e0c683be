package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime object: isolation, frame hiding, fingerprints, stats, hold times and the one JSON shape. */
class RuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoRuntimesSeeNeitherEachOthersDirectoriesNorEvents() {
        TestRuntime a = new TestRuntime();
        TestRuntime b = new TestRuntime();
        Recorder heardByA = new Recorder(a.runtime);
        Recorder heardByB = new Recorder(b.runtime);
        RefTrackerDir inA = a.fullDir("runtime_a", 4);
        RefTrackerDir inB = b.fullDir("runtime_b", 4);
        inA.alloc();

        assertThat(a.runtime.registry().directories()).containsExactly(inA);
        assertThat(b.runtime.registry().directories()).containsExactly(inB);
        assertThat(RefTracking.registry().directories()).doesNotContain(inA, inB);
        inA.close();
        inB.close();

        assertThat(heardByA.leaks).singleElement().extracting(LeakReport::className).isEqualTo("runtime_a");
        assertThat(heardByB.leaks).isEmpty();
        heardByA.close();
        heardByB.close();
    }

    @Test
    void sameLeakHasOneFingerprint_whenDepthIsEightOrThirtyTwo() {
        List<String> fingerprints = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int depth : new int[] {8, 32}) {
            TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                    .withDepth(depth));
            RefTrackerDir dir = test.fullDir("depth", 0);
            Sites.deep(dir, 3);
            LeakReport.Group group = dir.report(16).groups().get(0);
            fingerprints.add(group.fingerprint());
            sizes.add(group.frames().size());
        }
        assertThat(sizes).as("the stacks differ").containsExactly(8, 32);
        assertThat(fingerprints.get(0)).isEqualTo(fingerprints.get(1));
    }

    @Test
    void hiddenFramesAreLeftOutAndDepthCountsShownFramesOnly() {
        TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                .withDepth(6).withHide(List.of("org.junit.", "jdk.internal.", "java.lang.reflect.")));
        RefTrackerDir dir = test.fullDir("hidden", 0);
        Sites.siteX(dir);
        List<StackTraceElement> frames = dir.report(16).groups().get(0).frames();

        assertThat(frames).hasSize(6);
        assertThat(frames).extracting(StackTraceElement::getClassName)
                .noneMatch(c -> c.startsWith("org.junit.") || c.startsWith("jdk.internal.")
                        || c.startsWith("java.lang.reflect.") || c.startsWith("io.github.reftrack.internal."));
        assertThat(frames.get(0).getMethodName()).isEqualTo("siteX");
        assertThat(frames.get(1).getMethodName()).isEqualTo("hiddenFramesAreLeftOutAndDepthCountsShownFramesOnly");
    }

    @Test
    void hidePropertyIsReadWhenSettingsAreRead() {
        String previous = System.setProperty(RefTracking.HIDE_PROPERTY, "org.junit., ,com.example.");
        try {
            assertThat(RefTrackingSettings.fromSystemProperties().hide()).containsExactly("org.junit.", "com.example.");
        } finally {
            if (previous == null) {
                System.clearProperty(RefTracking.HIDE_PROPERTY);
            } else {
                System.setProperty(RefTracking.HIDE_PROPERTY, previous);
            }
        }
    }

    @Test
    void settingsWithTheOwnersMode_ignoreAndDoNotWarnAboutTheModeProperty() {
        String previousMode = System.setProperty(RefTracking.MODE_PROPERTY, "bogus");
        String previousDepth = System.setProperty(RefTracking.DEPTH_PROPERTY, "7");
        try (LogCapture log = new LogCapture()) {
            RefTrackingSettings settings = RefTrackingSettings.fromSystemProperties(RefTracking.Mode.FULL);

            assertThat(settings.mode()).isEqualTo(RefTracking.Mode.FULL);
            assertThat(settings.depth()).isEqualTo(7);
            assertThat(log.messages()).isEmpty();
        } finally {
            restore(RefTracking.MODE_PROPERTY, previousMode);
            restore(RefTracking.DEPTH_PROPERTY, previousDepth);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    @Test
    void statsCountEverythingAtOneInstantAndHoldTimesComeFromTheTicker() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir dir = test.fullDir("stats", 2);
        RefTracker oldest = Sites.siteX(dir);
        test.clock.addAndGet(Duration.ofSeconds(133).toNanos());
        RefTracker newer = Sites.siteX(dir);
        test.clock.addAndGet(Duration.ofSeconds(2).toNanos());
        dir.allocUntracked();
        RefTracker released = Sites.siteY(dir);
        dir.free(released);

        RefTrackerDir.Stats stats = dir.stats();
        assertThat(stats.liveTracked()).isEqualTo(2);
        assertThat(stats.noTracker()).isEqualTo(1);
        assertThat(stats.untracked()).isZero();
        assertThat(stats.quarantined()).isEqualTo(1);
        assertThat(stats.releasedTotal()).isEqualTo(1);
        assertThat(stats.oldestLive()).isEqualTo(Duration.ofSeconds(135));
        assertThat(stats.housekeeperFailures()).isZero();

        LeakReport report = dir.report(16);
        List<LeakReport.Group> groups = report.groups();
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).oldest()).isEqualTo(Duration.ofSeconds(2));
        assertThat(groups.get(1).oldest()).isEqualTo(Duration.ofSeconds(135));
        assertThat(groups.get(1).newest()).isEqualTo(Duration.ofSeconds(135));
        assertThat(report.toString()).contains(" has 1/2 users at (oldest 2m15s)\n")
                .contains(" has 1/2 users at\n");
        assertThat(report.toJson()).contains("\"oldestMillis\":135000", "\"newestMillis\":2000");
        dir.free(oldest);
        dir.free(newer);
        dir.freeUntracked();
        dir.close();
    }

    @Test
    void oldestListsTheLongestHeldReferencesAcrossDirectories() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir first = test.fullDir("oldest_a", 0);
        RefTrackerDir second = test.fullDir("oldest_b", 0);
        Sites.siteHolder(first, "held_longest");
        test.clock.addAndGet(Duration.ofSeconds(60).toNanos());
        Sites.siteX(second);
        test.clock.addAndGet(Duration.ofSeconds(30).toNanos());
        Sites.siteY(first);
        test.clock.addAndGet(Duration.ofSeconds(1).toNanos());

        List<HeldReference> oldest = test.runtime.registry().oldest(2);

        assertThat(oldest).extracting(HeldReference::age).containsExactly(Duration.ofSeconds(91),
                Duration.ofSeconds(31));
        assertThat(oldest.get(0).holder()).isEqualTo("held_longest");
        assertThat(oldest.get(1).dirName()).isEqualTo(second.name());
        assertThat(oldest.get(0).toString()).startsWith("1m31s  " + first.name() + "  held_longest  ")
                .contains("Sites.siteHolder(Sites.java:");
        assertThat(test.runtime.registry().oldest(0)).isEmpty();
    }

    @Test
    void leakReportSurvivesJsonAndBackToTheSameText() throws Exception {
        TestRuntime test = new TestRuntime();
        RefTrackerDir dir = test.fullDir("round \"trip\"\nforged", 0);
        Sites.siteHolder(dir, "cache\u001b[31m");
        Sites.siteX(dir);
        test.clock.addAndGet(Duration.ofMinutes(3).toNanos());
        Sites.siteY(dir);
        LeakReport report = dir.report(16);

        LeakReport parsed = parseReport(JSON.readTree(report.toJson()));

        assertThat(parsed.toString()).isEqualTo(report.toString());
        assertThat(parsed.toString()).doesNotContain("\nforged").contains("\\nforged", "cache\\u001b[31m");
    }

    @Test
    void doubleReleaseSurvivesJsonWithItsFingerprints() throws Exception {
        TestRuntime test = new TestRuntime();
        Recorder events = new Recorder(test.runtime);
        RefTrackerDir dir = test.fullDir("round_double", 1);
        RefTracker t = Sites.siteX(dir);
        Sites.freeSiteF1(dir, t);
        Sites.freeSiteF2(dir, t);
        DoubleRelease event = events.doubleReleases.get(0);

        JsonNode node = JSON.readTree(event.toJson());
        DoubleRelease parsed = new DoubleRelease(node.get("className").asText(), node.get("dirName").asText(),
                node.get("holder").isNull() ? null : node.get("holder").asText(), frames(node.get("allocatedAt")),
                frames(node.get("firstReleasedAt")), frames(node.get("releasedAgainAt")),
                node.get("pastQuarantine").asBoolean());

        assertThat(parsed.toString()).isEqualTo(event.toString());
        assertThat(node.get("fingerprint").asText()).isEqualTo(event.allocation().fingerprint())
                .isEqualTo(parsed.allocation().fingerprint());
        assertThat(node.get("secondReleaseFingerprint").asText()).isEqualTo(parsed.secondRelease().fingerprint());
        events.close();
    }

    static LeakReport parseReport(JsonNode node) {
        List<LeakReport.Group> groups = new ArrayList<>();
        for (JsonNode g : node.get("groups")) {
            List<String> holders = new ArrayList<>();
            g.get("holders").forEach(h -> holders.add(h.asText()));
            groups.add(new LeakReport.Group(g.get("users").asInt(), frames(g.get("frames")),
                    g.get("fingerprint").asText(), holders, Duration.ofMillis(g.get("oldestMillis").asLong()),
                    Duration.ofMillis(g.get("newestMillis").asLong())));
        }
        JsonNode untracked = node.get("untrackedUsers");
        return new LeakReport(node.get("className").asText(), node.get("dirName").asText(),
                node.get("totalUsers").asInt(), node.get("skippedUsers").asInt(), groups,
                untracked == null ? 0 : untracked.asInt());
    }

    static List<StackTraceElement> frames(JsonNode array) {
        List<StackTraceElement> frames = new ArrayList<>();
        array.forEach(f -> frames.add(new StackTraceElement(f.get("class").asText(), f.get("method").asText(),
                f.get("file").isNull() ? null : f.get("file").asText(), f.get("line").asInt())));
        return frames;
    }
}
