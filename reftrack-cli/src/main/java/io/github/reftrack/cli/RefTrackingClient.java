package io.github.reftrack.cli;

import io.github.reftrack.MBeanNames;
import java.io.IOException;
import java.util.Optional;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/**
 * Reads reftrack's MBean ({@code io.github.reftrack:type=RefTracking}) in another JVM by
 * attribute and operation name, so the command does not need the MBean interface's class: any
 * reftrack version that keeps the names works.
 *
 * <p>Not thread-safe beyond what the underlying JMX connection guarantees.
 */
final class RefTrackingClient {
    private final long pid;
    private final MBeanServerConnection connection;
    private final ObjectName name;

    RefTrackingClient(long pid, MBeanServerConnection connection, ObjectName name) {
        this.pid = pid;
        this.connection = connection;
        this.name = name;
    }

    int liveDirectories() {
        return ((Number) attribute(MBeanNames.LIVE_DIRECTORIES)).intValue();
    }

    long liveReferences() {
        return ((Number) attribute(MBeanNames.LIVE_REFERENCES)).longValue();
    }

    String mode() {
        return String.valueOf(attribute(MBeanNames.MODE));
    }

    /**
     * How many references held past a hold threshold were reported; empty when the JVM's reftrack
     * predates hold thresholds.
     */
    Optional<Long> longHeld() {
        try {
            return Optional.of(((Number) connection.getAttribute(name, MBeanNames.LONG_HELD)).longValue());
        } catch (AttributeNotFoundException e) {
            return Optional.empty();
        } catch (JMException | IOException e) {
            throw failure("read " + MBeanNames.LONG_HELD, e);
        }
    }

    /** The kernel-shape text of the live references, optionally of one directory class. */
    String dump(String className) {
        return (String) invoke(MBeanNames.DUMP, className);
    }

    /** The live references as a JSON array of reports, optionally of one directory class. */
    String dumpJson(String className) {
        return (String) invoke(MBeanNames.DUMP_JSON, className);
    }

    /**
     * The kernel-shape text of the live references, the directories of each class grouped by
     * stack across them; the per-directory text from a reftrack that predates the grouping.
     */
    String dumpByClass(String className) {
        return invokeIfPresent(MBeanNames.DUMP_BY_CLASS, className).orElseGet(() -> dump(className));
    }

    /** As {@link #dumpByClass}, as a JSON array of reports. */
    String dumpByClassJson(String className) {
        return invokeIfPresent(MBeanNames.DUMP_BY_CLASS_JSON, className).orElseGet(() -> dumpJson(className));
    }

    /**
     * The leaks reported so far in the JVM, by stack fingerprint, optionally of one directory
     * class; empty when its reftrack predates the history.
     */
    Optional<String> leakHistory(String className) {
        return invokeIfPresent(MBeanNames.LEAK_HISTORY, className);
    }

    /** The references held longest, one line each, oldest first. */
    String oldest(int n) {
        try {
            return (String) connection.invoke(name, MBeanNames.OLDEST, new Object[] {n},
                    new String[] {int.class.getName()});
        } catch (JMException | IOException e) {
            throw failure("call " + MBeanNames.OLDEST, e);
        }
    }

    private Object attribute(String attribute) {
        try {
            return connection.getAttribute(name, attribute);
        } catch (JMException | IOException e) {
            throw failure("read " + attribute, e);
        }
    }

    private Object invoke(String operation, String className) {
        try {
            return invokeOrThrow(operation, className);
        } catch (JMException | IOException e) {
            throw failure("call " + operation, e);
        }
    }

    private Object invokeOrThrow(String operation, String className) throws JMException, IOException {
        if (className == null) {
            return connection.invoke(name, operation, new Object[0], new String[0]);
        }
        return connection.invoke(name, operation, new Object[] {className}, new String[] {String.class.getName()});
    }

    private Optional<String> invokeIfPresent(String operation, String className) {
        try {
            return Optional.of((String) invokeOrThrow(operation, className));
        } catch (ReflectionException e) {
            if (e.getCause() instanceof NoSuchMethodException) {
                return Optional.empty();
            }
            throw failure("call " + operation, e);
        } catch (JMException | IOException e) {
            throw failure("call " + operation, e);
        }
    }

    private CliException failure(String what, Exception e) {
        if (e instanceof InstanceNotFoundException) {
            return new CliException("JVM " + pid + " names " + name + " in " + AttachedJvm.MBEAN_PROPERTY
                    + " but no such MBean is registered");
        }
        return new CliException("cannot " + what + " on " + name + " in JVM " + pid + ": " + e, e);
    }
}
