package io.github.reftrack.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
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
        assertThat(Jmx.register()).isTrue();
    }

    @AfterEach
    void registerAgain() {
        // other suites in this JVM may expect the MXBean that their first directory registered
        Jmx.register();
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
    void lostReferencesAreCountedFromTheCountingListener() throws JMException {
        EventCounts counts = new EventCounts();
        RefTrackingBean bean = new RefTrackingBean(counts);
        counts.onLostReference(null);
        counts.onLostReference(null);

        assertThat(bean.getLostReferences()).isEqualTo(2);
        assertThat(bean.getLeaks()).isZero();
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
