package io.github.reftrack.jmx;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/** The only class that touches JMX types; loaded only after {@link Jmx#available()} said yes. */
final class Registrar {
    private Registrar() {
    }

    static void register(RefTrackingMXBean bean) throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(bean, new ObjectName(Jmx.OBJECT_NAME));
    }

    static void unregister() throws JMException {
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(Jmx.OBJECT_NAME));
        } catch (InstanceNotFoundException e) {
            // someone else removed it: the goal is reached
        }
    }
}
