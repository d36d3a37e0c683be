package io.github.reftrack.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.CallStack;
import io.github.reftrack.LeakHistory;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.LostReference;
import io.github.reftrack.MBeanNames;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.sink.EventCounts;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MXBean as a JMX client sees it: through the platform MBean server, by attribute name. */
class RefTrackingMXBeanTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final String[] STRING = {String.class.getName()};

    private ObjectName name;

    @BeforeEach
    void register() throws JMException {
        name = new ObjectName(Jmx.OBJECT_NAME);
        assertThat(RefTracking.runtime().registerMBean()).isTrue();
    }

    @AfterEach
    void registerAgain() {
        // other suites in this JVM may expect the MXBean that their first directory registered
        RefTracking.runtime().registerMBean();
    }

    private static RefTrackerDir newDir(String className) {
        return RefTrackerDir.builder(className).quarantine(4).mode(RefTracking.Mode.FULL).build();
    }

    private long count(String attribute) throws JMException {
        return (Long) SERVER.getAttribute(name, attribute);
    }

    @Test
    void registrationSetsTheMBeanPropertyAndUnregisterIsIdempotent() {
        assertThat(SERVER.isRegistered(name)).isTrue();
        assertThat(System.getProperty("reftrack.mbean")).isEqualTo("io.github.reftrack:type=RefTracking");

        Jmx.unregister();
        Jmx.unregister();

        assertThat(SERVER.isRegistered(name)).isFalse();
        assertThat(Jmx.isRegistered()).isFalse();
        assertThat(System.getProperty("reftrack.mbean")).isNull();
    }

    @Test
    void attributesReflectALeakingDirectory() throws JMException {
        long leaksBefore = count("Leaks");
        long doubleBefore = count("DoubleReleases");
        int directoriesBefore = (Integer) SERVER.getAttribute(name, "LiveDirectories");
        long referencesBefore = count("LiveReferences");
        RefTrackerDir dir = newDir("jmx_attrs");
        dir.alloc();
        dir.alloc();
        RefTracker released = dir.alloc();
        dir.free(released);

        assertThat(SERVER.getAttribute(name, "LiveDirectories")).isEqualTo(directoriesBefore + 1);
        assertThat(count("LiveReferences")).isEqualTo(referencesBefore + 2);
        assertThat(liveByClass()).containsEntry("jmx_attrs", 2L);
        assertThat(SERVER.getAttribute(name, "Mode")).isEqualTo(RefTracking.mode().name());

        dir.free(released);
        dir.close();

        assertThat(count("Leaks")).isEqualTo(leaksBefore + 1);
        assertThat(count("DoubleReleases")).isEqualTo(doubleBefore + 1);
        assertThat(liveByClass()).doesNotContainKey("jmx_attrs");
    }

    @Test
    void dumpShowsTheKernelTextAndDumpJsonTheFingerprint() throws Exception {
        RefTrackerDir dir = newDir("jmx_dump");
        RefTracker tracker = dir.alloc("inode_cache");
        try {
            LeakReport report = dir.report(Jmx.DISPLAY_LIMIT);
            String fingerprint = report.groups().get(0).fingerprint();

            String all = (String) SERVER.invoke(name, "dump", null, null);
            String one = (String) SERVER.invoke(name, "dump", new Object[] {"jmx_dump"}, STRING);
            String json = (String) SERVER.invoke(name, "dumpJson", new Object[] {"jmx_dump"}, STRING);

            assertThat(one).isEqualTo(report.toString())
                    .startsWith(dir.name() + " has 1/1 users at\n  held by: inode_cache\n")
                    .contains(getClass().getName() + ".dumpShowsTheKernelTextAndDumpJsonTheFingerprint(");
            assertThat(all).contains(one);
            JsonNode array = new ObjectMapper().readTree(json);
            assertThat(array.isArray()).isTrue();
            assertThat(array).hasSize(1);
            assertThat(array.get(0).get("dirName").asText()).isEqualTo(dir.name());
            assertThat(array.get(0).get("groups").get(0).get("fingerprint").asText()).isEqualTo(fingerprint);
            assertThat(SERVER.invoke(name, "dumpJson", new Object[] {"jmx_no_such_class"}, STRING)).isEqualTo("[]");
            assertThat(SERVER.invoke(name, "dump", new Object[] {"jmx_no_such_class"}, STRING)).isEqualTo("");
        } finally {
            dir.free(tracker);
            dir.close();
        }
    }

    @Test
    void dumpByClassGroupsTheDirectoriesOfAClassByStack_andLeakHistoryCountsWhatClosedLeaking()
            throws Exception {
        List<RefTrackerDir> objects = List.of(newDir("jmx_objects"), newDir("jmx_objects"), newDir("jmx_objects"));
        for (RefTrackerDir dir : objects) {
            dir.alloc();
        }
        try {
            String text = (String) SERVER.invoke(name, MBeanNames.DUMP_BY_CLASS, new Object[] {"jmx_objects"}, STRING);
            JsonNode json = new ObjectMapper().readTree((String) SERVER.invoke(name, MBeanNames.DUMP_BY_CLASS_JSON,
                    new Object[] {"jmx_objects"}, STRING));

            assertThat(text).startsWith("jmx_objects has 3/3 users at\n  objects: 3\n");
            assertThat(json).hasSize(1);
            assertThat(json.get(0).get("groups").get(0).get("objects").asInt()).isEqualTo(3);
        } finally {
            objects.forEach(RefTrackerDir::close);
        }
        String history = (String) SERVER.invoke(name, MBeanNames.LEAK_HISTORY, new Object[] {"jmx_objects"}, STRING);

        assertThat(history).startsWith("# leaks reported in this JVM: 3 on 1 stack\njmx_objects leaked 3 times at");
    }

    @Test
    void everyPublishedNameIsAnAttributeOrOperationOfTheRegisteredBean() throws JMException {
        for (String attribute : List.of(MBeanNames.LIVE_DIRECTORIES, MBeanNames.LIVE_REFERENCES,
                MBeanNames.LIVE_BY_CLASS, MBeanNames.LEAKS, MBeanNames.DOUBLE_RELEASES, MBeanNames.LOST_REFERENCES,
                MBeanNames.LONG_HELD, MBeanNames.MODE, MBeanNames.HOUSEKEEPER_FAILURES,
                MBeanNames.HOUSEKEEPER_RUNNING)) {
            assertThat(SERVER.getAttribute(name, attribute)).as(attribute).isNotNull();
        }
        assertThat(SERVER.getAttribute(name, MBeanNames.HOUSEKEEPER_FAILURES)).isEqualTo(0L);
        assertThat(SERVER.invoke(name, MBeanNames.DUMP, new Object[0], new String[0])).isInstanceOf(String.class);
        assertThat(SERVER.invoke(name, MBeanNames.DUMP_JSON, new Object[0], new String[0])).isInstanceOf(String.class);
        assertThat(SERVER.invoke(name, MBeanNames.OLDEST, new Object[] {3}, new String[] {int.class.getName()}))
                .isInstanceOf(String.class);
        for (String operation : List.of(MBeanNames.DUMP_BY_CLASS, MBeanNames.DUMP_BY_CLASS_JSON,
                MBeanNames.LEAK_HISTORY)) {
            assertThat(SERVER.invoke(name, operation, new Object[0], new String[0])).as(operation)
                    .isInstanceOf(String.class);
            assertThat(SERVER.invoke(name, operation, new Object[] {"jmx_none"}, STRING)).as(operation)
                    .isInstanceOf(String.class);
        }
        assertThat(name.toString()).isEqualTo(RefTracking.MBEAN_NAME);
    }

    @Test
    void lostReferencesAreCountedFromTheCountingSink() throws JMException {
        EventCounts counts = new EventCounts();
        RefTrackingBean bean = new RefTrackingBean(new CountsOnly(counts));
        LostReference lost = new LostReference("c", "c@1", null, CallStack.EMPTY);
        counts.accept(lost);
        counts.accept(lost);

        assertThat(bean.getLostReferences()).isEqualTo(2);
        assertThat(bean.getLeaks()).isZero();
    }

    @Test
    void longHeldReferencesAreCountedFromTheCountingSink_andAreNotLeaks() throws JMException {
        EventCounts counts = new EventCounts();
        RefTrackingBean bean = new RefTrackingBean(new CountsOnly(counts));
        counts.accept(new LongHeld("c", "c@1", null, "thread main", Duration.ofSeconds(2), Duration.ofSeconds(1),
                CallStack.EMPTY));

        assertThat(bean.getLongHeld()).isEqualTo(1);
        assertThat(bean.getLeaks()).isZero();
    }

    /** A runtime view that has only counts. */
    private record CountsOnly(EventCounts counts) implements RuntimeView {
        @Override
        public List<RefTrackerDir> directories() {
            return List.of();
        }

        @Override
        public List<LeakReport> reports(String className) {
            return List.of();
        }

        @Override
        public List<LeakReport> reportsByClass(String className) {
            return List.of();
        }

        @Override
        public LeakHistory leakHistory() {
            return LeakHistory.NONE;
        }

        @Override
        public String toJson(List<LeakReport> reports) {
            return "[]";
        }

        @Override
        public Map<String, Long> liveByClass() {
            return Map.of();
        }

        @Override
        public String oldest(int n) {
            return "";
        }

        @Override
        public long liveReferences() {
            return 0;
        }

        @Override
        public String mode() {
            return "OFF";
        }

        @Override
        public long housekeeperFailures() {
            return 0;
        }

        @Override
        public boolean housekeeperRunning() {
            return false;
        }
    }

    private Map<String, Long> liveByClass() throws JMException {
        TabularData table = (TabularData) SERVER.getAttribute(name, "LiveByClass");
        Map<String, Long> map = new HashMap<>();
        for (Object row : table.values()) {
            CompositeData entry = (CompositeData) row;
            map.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return map;
    }
}
