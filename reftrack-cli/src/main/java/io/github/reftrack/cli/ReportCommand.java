package io.github.reftrack.cli;

import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reftrack report FILE.json... [--html OUT.html]}: renders saved JSON reports as the
 * kernel-shape text, or as one self-contained HTML page with a call tree over all of them.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Render saved JSON reports (from 'reftrack dump --json', 'reftrack demo --json' or"
                + " LeakReport.toJson()) as kernel-shape text, or as one self-contained HTML page with --html."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE.json", description = "the JSON report(s) to read, in order")
    private List<Path> inputs;

    @Option(names = "--html", paramLabel = "OUT.html", description = "write an HTML page here instead of printing text")
    private Path html;

    @Override
    public Integer call() {
        List<LeakReport> reports = new ArrayList<>();
        for (Path input : inputs) {
            reports.addAll(read(input));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (html == null) {
            reports.forEach(report -> out.print(report));
            return ExitCode.OK;
        }
        String source = inputs.size() == 1 ? String.valueOf(inputs.get(0).getFileName())
                : inputs.size() + " files";
        String page = HtmlReport.render(reports, source);
        try {
            Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + html + ": " + describe(e), e);
        }
        long users = reports.stream().mapToLong(LeakReport::totalUsers).sum();
        out.println("wrote " + html + ": " + Words.count(reports.size(), "directory", "directories") + ", "
                + Words.count(users, "live reference"));
        return ExitCode.OK;
    }

    private static List<LeakReport> read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + describe(e), e);
        }
        try {
            return ReportJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new CliException(file + " is not a reftrack JSON report: " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
