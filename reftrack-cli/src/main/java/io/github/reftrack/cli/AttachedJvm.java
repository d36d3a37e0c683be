package io.github.reftrack.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.github.reftrack.RefTracking;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A local JVM this command has attached to through the attach API, and (on demand) a JMX
 * connection to it. Closing detaches and closes the connection.
 *
 * <p>Only JVMs listed by {@link VirtualMachine#list()} are attached to: attaching to an arbitrary
 * pid would send {@code SIGQUIT} to a process that may not be a JVM at all, which kills most
 * programs. Not thread-safe; one command uses one instance.
 */
final class AttachedJvm implements AutoCloseable {
    /** The system property reftrack's MBean registration sets to its ObjectName. */
    static final String MBEAN_PROPERTY = RefTracking.MBEAN_PROPERTY;
    /** How long a target whose attach connection broke is given to finish exiting. */
    private static final long EXIT_WAIT_SECONDS = 2;

    private final long pid;
    private final VirtualMachine vm;
    private Properties properties;
    private JMXConnector connector;

    private AttachedJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /**
     * Attaches to the JVM with the given pid.
     *
     * @throws CliException if there is no such process, it is not an attachable JVM, or the
     *                      attach fails
     */
    static AttachedJvm attach(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            throw new CliException("pid " + pid + " is this reftrack command itself; give the pid of another JVM");
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            throw new CliException("no process with pid " + pid
                    + " (did it exit? 'reftrack ps' lists the JVMs that have reftrack)");
        }
        VirtualMachineDescriptor descriptor = find(pid).orElseThrow(() -> new CliException("process " + pid
                + " is not a JVM that can be attached to (not a Java process of this user, or started with"
                + " -XX:-UsePerfData)"));
        return attach(descriptor);
    }

    /** Attaches to a JVM from {@link VirtualMachine#list()}. */
    static AttachedJvm attach(VirtualMachineDescriptor descriptor) {
        long pid = Long.parseLong(descriptor.id());
        try {
            return new AttachedJvm(pid, VirtualMachine.attach(descriptor));
        } catch (AttachNotSupportedException | IOException e) {
            throw new CliException("cannot attach to JVM " + pid + ": " + e.getMessage()
                    + " (run reftrack as the same user as the JVM; JVMs started with"
                    + " -XX:+DisableAttachMechanism refuse attaching)", e);
        }
    }

    private static Optional<VirtualMachineDescriptor> find(long pid) {
        String id = Long.toString(pid);
        return VirtualMachine.list().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    long pid() {
        return pid;
    }

    /** The target's system properties, read again: what an agent loaded since has set shows. */
    Properties freshSystemProperties() {
        properties = null;
        return systemProperties();
    }

    /** The target's system properties, read once. */
    Properties systemProperties() {
        if (properties == null) {
            try {
                properties = vm.getSystemProperties();
            } catch (IOException e) {
                throw new CliException("cannot read the system properties of JVM " + pid + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }

    /** The target's main class (or jar), as its launcher recorded it; "?" if unknown. */
    String mainClass() {
        return mainClassOf(systemProperties());
    }

    /**
     * What the JVM runs, from its {@code sun.java.command}: the main class or jar, or for a
     * source-file program ({@code java Program.java}) the source file, marked as such, rather
     * than the JDK's source launcher.
     */
    static String mainClassOf(Properties properties) {
        String command = properties.getProperty("sun.java.command", "").strip();
        if (command.isEmpty()) {
            return "?";
        }
        String[] words = command.split("\\s+", 3);
        if (words[0].contains("com.sun.tools.javac.launcher.") && words.length > 1) {
            return words[1] + " (source file)";
        }
        return words[0];
    }

    /**
     * The name of reftrack's MBean in the target, from its {@value #MBEAN_PROPERTY} property.
     *
     * @throws CliException if the property is not set
     */
    ObjectName refTrackingMBean() {
        String name = systemProperties().getProperty(MBEAN_PROPERTY);
        if (name == null) {
            throw new CliException("JVM " + pid + " (" + mainClass() + ") has no reftrack MBean: system property "
                    + MBEAN_PROPERTY + " is not set (reftrack is not loaded there, or no directory has been"
                    + " created with -Dreftrack.mode=full or sample)");
        }
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new CliException("JVM " + pid + " sets " + MBEAN_PROPERTY + "=" + name
                    + ", which is not an MBean name: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the target's platform MBean server, starting its local management agent if it
     * is not running (the agent then stays on until the target exits).
     *
     * @throws CliException if the agent cannot be started or connected to
     */
    RefTrackingClient connect() {
        ObjectName name = refTrackingMBean();
        try {
            String address = vm.startLocalManagementAgent();
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new RefTrackingClient(pid, connector.getMBeanServerConnection(), name);
        } catch (IOException e) {
            throw new CliException("cannot connect to the management agent of JVM " + pid + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Connects only if the target already runs a local management agent: {@code reftrack ps}
     * must not start agents in every JVM it looks at.
     *
     * @return a client, or empty if no agent runs or the connection failed
     */
    Optional<RefTrackingClient> connectIfAgentRuns() {
        try {
            String address = vm.getAgentProperties()
                    .getProperty("com.sun.management.jmxremote.localConnectorAddress");
            if (address == null) {
                return Optional.empty();
            }
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return Optional.of(new RefTrackingClient(pid, connector.getMBeanServerConnection(), refTrackingMBean()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Loads a Java agent jar into the target ({@code agentmain}), as {@code reftrack attach} does.
     *
     * @throws CliException if the target refuses or the agent fails to start
     */
    void loadAgent(String jar, String options) {
        try {
            vm.loadAgent(jar, options);
        } catch (IOException e) {
            if (exits()) {
                throw new CliException("JVM " + pid + " exited during the attach: reftrack-agent may have started"
                        + " before it did (its standard error says); there is nothing left to track", e);
            }
            throw failedLoad(jar, e);
        } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
            throw failedLoad(jar, e);
        }
    }

    private CliException failedLoad(String jar, Exception e) {
        return new CliException("cannot load " + jar + " into JVM " + pid + ": " + e.getMessage()
                + " (its standard error says why the agent failed)", e);
    }

    /** Whether the target has exited or does so within a moment (a broken attach connection is its exit). */
    private boolean exits() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return true;
        }
        try {
            process.get().onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.get().isAlive();
        }
    }

    /** Closes the JMX connection, if any, and detaches. Never throws. */
    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
        } catch (IOException ignored) {
            // the target may have exited; there is nothing left to release
        }
        try {
            vm.detach();
        } catch (IOException ignored) {
            // as above
        }
    }
}
