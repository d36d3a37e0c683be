package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the MBean of a reftrack that predates grouping and the leak history. */
class RefTrackingClientTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private ObjectName name;

    /** What an older reftrack's MBean offers: the per-directory operations only. */
    public interface OlderMBean {
        /**
         * The text of every directory.
         *
         * @return the text
         */
        String dump();

        /**
         * The JSON of every directory.
         *
         * @return the JSON
         */
        String dumpJson();
    }

    /** Its implementation. */
    public static final class Older implements OlderMBean {
        @Override
        public String dump() {
            return "per-directory text\n";
        }

        @Override
        public String dumpJson() {
            return "[]";
        }
    }

    @BeforeEach
    void register() throws JMException {
        name = new ObjectName("io.github.reftrack.test:type=Older");
        SERVER.registerMBean(new Older(), name);
    }

    @AfterEach
    void unregister() throws JMException {
        SERVER.unregisterMBean(name);
    }

    @Test
    void fallsBackToThePerDirectoryDump_andHasNoHistory_whenTheTargetPredatesThem() {
        RefTrackingClient client = new RefTrackingClient(1, SERVER, name);

        assertThat(client.dumpByClass(null)).isEqualTo("per-directory text\n");
        assertThat(client.dumpByClassJson(null)).isEqualTo("[]");
        assertThat(client.leakHistory(null)).isEmpty();
    }
}
