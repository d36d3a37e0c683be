package io.github.reftrack.cli;

import io.github.reftrack.FrameFilter;
import io.github.reftrack.LeakReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * {@code reftrack report FILE... [--html OUT.html]}: renders saved JSON reports and JSON-lines
 * event logs as the kernel-shape text, or as one self-contained HTML page with a call tree over
 * all of them. {@code -} reads standard input.
 *
 * <p>Exits with {@link ExitCode#LEAKS} when an input records a problem (a leaked demo run, or a
 * leak, abandoned directory, lost reference, double release or stuck teardown event), with
 * {@link ExitCode#OK} for snapshots of live references, and with {@link ExitCode#USAGE} when an
 * input is not reftrack JSON.
 */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Render saved reftrack JSON as kernel-shape text, or as one self-contained HTML page with"
                + " --html. Reads reports ('reftrack dump --json', 'reftrack demo --json', LeakReport.toJson(),"
                + " one object or an array), JSON-lines event logs (-Dreftrack.jsonLog) and JFR recordings (.jfr);"
                + " '-' reads standard input.",
            "Exits with 3 when the input records a leak or another problem, 2 when it is not reftrack JSON."})
final class ReportCommand implements Callable<Integer> {
    /** What the HTML call tree folds by default: reflection, launchers, test runners, picocli. */
    static final List<String> FOLDED = List.of(
            "java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.", "java.lang.invoke.",
            "com.sun.tools.javac.launcher.", "sun.launcher.",
            "org.junit.platform.", "org.junit.jupiter.engine.", "org.apache.maven.surefire.",
            "picocli.");

    /** Standard input; tests replace it. */
    static InputStream stdin = System.in;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the JSON file(s) to read, in order; - for"
            + " standard input")
    private List<Path> inputs;

    @Option(names = "--html", paramLabel = "OUT.html", description = "write an HTML page here instead of printing text")
    private Path html;

    @Option(names = "--all-frames", description = "HTML: show every frame; by default reflection, launcher, test"
            + " runner and picocli frames are folded into an 'n frames hidden' marker")
    private boolean allFrames;

    @Option(names = "--hide-frames", paramLabel = "PREFIX", split = ",", description = "HTML: also hide frames"
            + " whose class name starts with PREFIX (repeatable, or comma-separated)")
    private List<String> hiddenPrefixes = new ArrayList<>();

    @Override
    public Integer call() {
        List<ReportJson.Item> items = new ArrayList<>();
        boolean problems = false;
        PrintWriter out = spec.commandLine().getOut();
        boolean live = false;
        boolean leaked = false;
        for (Path input : inputs) {
            ReportJson.Input parsed = read(input);
            for (String warning : parsed.warnings()) {
                spec.commandLine().getErr().println("reftrack report: " + where(input) + ": " + warning);
            }
            if (html == null) {
                print(parsed.items(), out);
                if (parsed.items().isEmpty()) {
                    out.println("no events in " + where(input));
                }
            }
            items.addAll(parsed.items());
            problems |= parsed.problems();
            // the reports of an input that records problems are its leaks; any other input's are a snapshot
            live |= !parsed.problems() && !parsed.reports().isEmpty();
            leaked |= parsed.problems() && !parsed.reports().isEmpty();
        }
        int exitCode = problems ? ExitCode.LEAKS : ExitCode.OK;
        if (html == null) {
            return exitCode;
        }
        String source = inputs.size() == 1 ? name(inputs.get(0)) : inputs.size() + " files";
        FrameFilter filter = allFrames ? FrameFilter.of(List.of()) : FrameFilter.of(FOLDED).and(hiddenPrefixes);
        ReferenceKind kind = ReferenceKind.of(live, leaked);
        HtmlReport.write(html, HtmlReport.render(items, source, filter, kind));
        List<LeakReport> reports = items.stream().map(ReportJson.Item::report).filter(r -> r != null)
                .toList();
        long users = reports.stream().mapToLong(LeakReport::totalUsers).sum();
        long others = items.size() - reports.size();
        out.println("wrote " + html + ": " + Words.count(reports.size(), "directory", "directories") + ", "
                + kind.count(users)
                + (others == 0 ? "" : ", " + Words.count(others, "other event")));
        return exitCode;
    }

    /** Prints each item as the core's event text, after its heading. */
    private static void print(List<ReportJson.Item> items, PrintWriter out) {
        for (ReportJson.Item item : items) {
            if (item.heading() != null) {
                out.println(item.heading());
            }
            out.print(item.text());
            if (item.heading() != null) {
                out.println();
            }
        }
    }

    private static String where(Path input) {
        return isStdin(input) ? "standard input" : ReportJson.printable(input.toString());
    }

    private static String name(Path input) {
        return isStdin(input) ? "standard input" : String.valueOf(input.getFileName());
    }

    private static boolean isStdin(Path input) {
        return input.toString().equals("-");
    }

    private static ReportJson.Input read(Path input) {
        String where = where(input);
        if (!isStdin(input) && JfrInput.isRecording(input)) {
            return JfrInput.read(input, where);
        }
        String json;
        try {
            json = isStdin(input) ? readStdin() : readFile(input);
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCode.USAGE, where + " is not a reftrack JSON report: not UTF-8 text", e);
        } catch (IOException e) {
            throw new CliException("cannot read " + where + ": " + describe(e), e);
        }
        if (json == null) {
            throw new CliException(ExitCode.USAGE, where + " is not a reftrack JSON report: "
                    + ReportJson.tooLong(), null);
        }
        try {
            return ReportJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, where + " is not a reftrack JSON report: " + e.getMessage(), e);
        }
    }

    /** The file's text, or {@code null} if it is over the size limit. */
    private static String readFile(Path file) throws IOException {
        if (Files.size(file) > ReportJson.MAX_DOCUMENT_CHARS) {
            return null;
        }
        return decode(Files.readAllBytes(file));
    }

    /** Standard input's text, or {@code null} if it is over the size limit. */
    private static String readStdin() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int n = stdin.read(buffer); n >= 0; n = stdin.read(buffer)) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > ReportJson.MAX_DOCUMENT_CHARS) {
                return null;
            }
        }
        return decode(bytes.toByteArray());
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
