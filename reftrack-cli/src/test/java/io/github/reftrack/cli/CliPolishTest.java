package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.delayedinode.InjectionSite;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's small promises: helpful usage errors, JSON where asked, names and help that are true. */
class CliPolishTest {

    @Test
    void listsTheCommands_whenTheCommandIsUnknown() {
        Cli.Result result = Cli.run("frobnicate");

        var names = new CommandLine(new ReftrackCommand()).getSubcommands().keySet();
        String commands = String.join(", ", names);
        assertThat(names).contains("demo", "dump", "ps", "report");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack: unknown command 'frobnicate': use one of " + commands
                + " (see 'reftrack --help')\n");
    }

    @Test
    void printsTheSitesAsJson_whenListingThemWithJson() throws Exception {
        Cli.Result result = Cli.run("demo", "--list-sites", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode sites = new ObjectMapper().readTree(result.out());
        assertThat(sites.size()).isEqualTo(InjectionSite.values().length);
        for (int i = 0; i < sites.size(); i++) {
            assertThat(sites.get(i).get("name").asText()).isEqualTo(InjectionSite.values()[i].cliName());
            assertThat(sites.get(i).get("description").asText()).isEqualTo(InjectionSite.values()[i].description());
        }
    }

    @Test
    void saysTheTargetNeedsNoFlag_inDumpsHelp() {
        Cli.Result result = Cli.run("dump", "--help");

        assertThat(result.out().replaceAll("\\s+", " ")).contains("The JVM needs no flag")
                .doesNotContain("must run with");
    }

    @Test
    void namesTheSourceFile_whenTheJvmRunsASourceFileProgram() {
        Properties properties = new Properties();
        properties.setProperty("sun.java.command", "jdk.compiler/com.sun.tools.javac.launcher.Main"
                + " examples/ConnectionLeak.java --verbose");

        assertThat(AttachedJvm.mainClassOf(properties)).isEqualTo("examples/ConnectionLeak.java (source file)");
    }

    @Test
    void namesTheMainClass_whenTheJvmRunsAClass() {
        Properties properties = new Properties();
        properties.setProperty("sun.java.command", "com.example.Server --port 8080");

        assertThat(AttachedJvm.mainClassOf(properties)).isEqualTo("com.example.Server");
    }

    @Test
    void printsTheLeakOnceAndTheWatchdogAsOneLineEach_whenTheDemoLeaks() {
        Cli.Result result = Cli.run("demo", "--ops", "2000", "--threads", "2", "--kill-all-deadline", "1500",
                "--inject-leak", "insert-dir-index-get");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out().split("users at\n", -1)).as(result.toString()).hasSize(2);
        assertThat(result.err()).as(result.toString()).doesNotContain("users at")
                .containsPattern("(?m)^reftrack demo: teardown of killAllDelayedNodes of root \\d+ stuck for \\d+ ms:"
                        + " 1 reference still held$");
    }
}
