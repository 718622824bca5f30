package io.tradingstack.benchmarks.driver;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one scenario run shares: its durations, the JVM options of every process it starts,
 * where it keeps the book, journal and logs, the stack to measure (started fresh for each
 * plan, or attached), the baseline, and the failures that make the run exit non-zero.
 */
final class DriverRun {

    private final Path root;
    private final Path workDir;
    private final List<String> javaOptions;
    private final Duration warmup;
    private final Duration window;
    private final StackUnderTest.Endpoints attach;
    private final RawBaseline baseline;
    private final List<String> failures = new ArrayList<>();
    private final ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
    private int stacks;

    DriverRun(Path root, Path workDir, List<String> javaOptions, Duration warmup, Duration window, StackUnderTest.Endpoints attach) {
        this.root = root;
        this.workDir = workDir;
        this.javaOptions = List.copyOf(javaOptions);
        this.warmup = warmup;
        this.window = window;
        this.attach = attach;
        this.baseline = new RawBaseline(javaOptions, workDir.resolve("logs"));
    }

    Duration warmup() {
        return warmup;
    }

    Duration window() {
        return window;
    }

    boolean attached() {
        return attach != null;
    }

    RawBaseline baseline() {
        return baseline;
    }

    /** The stack for one plan: started afresh in a directory of its own, or the attached one. */
    StackUnderTest stack(StackUnderTest.Plan plan) throws IOException, InterruptedException {
        if (attach != null) {
            return StackUnderTest.attach(attach, plan);
        }
        Path dir = workDir.resolve("stack-" + (++stacks));
        Files.createDirectories(dir);
        say("  starting the services (logs in " + dir.resolve("logs") + ")");
        return StackUnderTest.launch(root, dir, javaOptions, plan);
    }

    void say(String line) {
        System.err.println("[driver] " + line);
    }

    /** Marks the run failed; the report still prints. */
    void fail(String failure) {
        failures.add(failure);
    }

    List<String> failures() {
        return failures;
    }

    /** The machine, the date and the settings, above every table. */
    String header() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: the name stays unknown
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        return String.format(Locale.ROOT, "%s UTC · %s · %d cores (%s) · %s %s · Java %s · JVM options `%s` · warm-up %d s, "
                + "window %d s%s%n",
            startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), host, Runtime.getRuntime().availableProcessors(), cpu,
            System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
            String.join(" ", javaOptions), warmup.toSeconds(), window.toSeconds(), attach != null ? " · attached to a running stack" : "");
    }
}
