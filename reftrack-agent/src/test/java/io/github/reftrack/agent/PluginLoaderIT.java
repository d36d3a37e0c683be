package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Netty in class loaders of its own ({@code example.plugin.PluginHost}): a loader that cannot see
 * the agent is left alone, and loaders the application drops are collected with the agent loaded.
 */
class PluginLoaderIT {
    private static final String HOST = "example.plugin.PluginHost";
    private static final String SKIPPED = "is not tracked, nor any class of that loader";

    private static List<String> hostArgs(String scenario, String... more) {
        List<String> args = new ArrayList<>(List.of(scenario, Child.TEST_CLASSES.toAbsolutePath().toString(),
                Child.LIBS.resolve("netty42").toAbsolutePath().toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static String host(List<String> jvmArgs, String scenario) throws Exception {
        return Child.run(Child.JAVA, jvmArgs, Child.classpath(null), HOST, hostArgs(scenario).toArray(String[]::new));
    }

    @Test
    void nettyInAnIsolatedLoaderRunsUntracked_withTheAgentAtStartUp() throws Exception {
        String output = host(List.of(Child.agent("netty")), "isolated");

        assertThat(output).contains("rounds 510").doesNotContain("NoClassDefFoundError");
        assertThat(output.lines().filter(line -> line.contains(SKIPPED))).hasSize(1);
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @Test
    void nettyInAnIsolatedLoaderRunsUntracked_afterAttach() throws Exception {
        List<String> command = new ArrayList<>(List.of(Child.JAVA.toString(), "-cp", Child.classpath(null), HOST));
        command.addAll(hostArgs("isolated", "wait"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = process.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("READY");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
            try {
                vm.loadAgent(Child.AGENT.toAbsolutePath().toString(), "netty");
            } finally {
                vm.detach();
            }
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            output = out.lines().collect(Collectors.joining("\n", "", "\n"));
        } finally {
            process.waitFor(1, TimeUnit.MINUTES);
            process.destroyForcibly();
        }
        System.out.println(output);

        assertThat(output).contains("rounds 510").doesNotContain("NoClassDefFoundError");
        assertThat(output.lines().filter(line -> line.contains(SKIPPED))).hasSize(1);
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @Test
    void droppedPluginLoadersAreCollected_withTheAgentLoaded() throws Exception {
        String without = host(List.of(), "dropped");
        String with = host(List.of(Child.agent("netty")), "dropped");

        assertThat(without).as("the scenario itself keeps nothing").contains("collected 2 of 2");
        assertThat(with).contains("collected 2 of 2").doesNotContain("leaked references")
                .doesNotContain("already released");
        assertThat(Child.exitReport(with)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }
}
