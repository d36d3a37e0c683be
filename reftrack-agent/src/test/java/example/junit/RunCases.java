package example.junit;

import io.github.reftrack.LeakReport;
import io.github.reftrack.junit5.ReferenceLeakError;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the case classes named in the arguments with the JUnit launcher (configuration from system
 * properties, as {@code -Djunit.jupiter.extensions.autodetection.enabled=true}) and prints one
 * line per test and class, {@code RESULT <status> <name>}, then a failure's message and the
 * fingerprints of a leak error's groups.
 */
public final class RunCases {
    private RunCases() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args) {
            request.selectors(DiscoverySelectors.selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.getUniqueId().endsWith("[engine:junit-jupiter]")) {
                    return;
                }
                synchronized (RunCases.class) {
                    System.out.println("RESULT " + result.getStatus() + " " + id.getUniqueId());
                    result.getThrowable().ifPresent(RunCases::describe);
                }
            }
        });
        System.out.println("RUN DONE");
    }

    private static void describe(Throwable failure) {
        System.out.println("MESSAGE " + failure.getMessage());
        if (failure instanceof ReferenceLeakError error) {
            for (LeakReport leak : error.leaks()) {
                for (LeakReport.Group group : leak.groups()) {
                    System.out.println("FINGERPRINT " + group.fingerprint());
                }
            }
        }
        System.out.println("END MESSAGE");
    }
}
