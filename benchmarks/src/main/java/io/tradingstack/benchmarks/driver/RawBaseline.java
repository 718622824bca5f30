package io.tradingstack.benchmarks.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tradingstack.benchmarks.driver.raw.RawHops;

/**
 * Runs the raw-socket baseline ({@link RawHops}) in the same run as the stack: each hop a JVM
 * of its own with the same JVM options, so that the stack's figures can be given as ratios to
 * the floor of this machine.
 */
final class RawBaseline {

    /** The baseline's tick-to-trade (HdrHistogram), corrected for coordinated omission and as measured. */
    record Latency(LatencySummary corrected, LatencySummary uncorrected) {
    }

    private final List<String> javaOptions;
    private final Path logs;

    RawBaseline(List<String> javaOptions, Path logs) {
        this.javaOptions = List.copyOf(javaOptions);
        this.logs = logs;
    }

    /**
     * Frames per second from a price source to a frame sink over {@code window}, after
     * {@code warmup}: pre-encoded frames counted by length alone, or with {@code codec} each
     * encoded by the source and decoded by the sink with the stack's codec.
     */
    double throughput(Duration warmup, Duration window, boolean codec) throws IOException, InterruptedException {
        try (Hop sink = codec ? Hop.start(this, "frame-sink", "decode") : Hop.start(this, "frame-sink");
             Hop source = Hop.start(this, "price-source", "127.0.0.1", Integer.toString(sink.listeningPort()), codec ? "encode" : "raw")) {
            Thread.sleep(warmup.toMillis());
            String[] first = sink.ask("mark", "MARK");
            Thread.sleep(window.toMillis());
            String[] last = sink.ask("mark", "MARK");
            source.checkAlive();
            double frames = Long.parseLong(last[1]) - Long.parseLong(first[1]);
            double seconds = (Long.parseLong(last[2]) - Long.parseLong(first[2])) / 1e9;
            return frames / seconds;
        }
    }

    /** News at {@code newsPerSecond} through a relay to an order sink; what the sink recorded over {@code window}. */
    Latency latency(double newsPerSecond, Duration warmup, Duration window) throws IOException, InterruptedException {
        long interval = Math.round(1e9 / newsPerSecond);
        try (Hop sink = Hop.start(this, "order-sink", Long.toString(interval));
             Hop relay = Hop.start(this, "strategy-relay", "127.0.0.1", Integer.toString(sink.listeningPort()));
             Hop source = Hop.start(this, "news-source", "127.0.0.1", Integer.toString(relay.listeningPort()),
                 Double.toString(newsPerSecond))) {
            Thread.sleep(warmup.toMillis());
            sink.ask("report", "REPORT");
            Thread.sleep(window.toMillis());
            String[] report = sink.ask("report", "REPORT");
            relay.checkAlive();
            source.checkAlive();
            return new Latency(LatencySummary.parse(report, 1), LatencySummary.parse(report, 7));
        }
    }

    /** One raw hop's JVM, its standard output read line by line. */
    private static final class Hop implements AutoCloseable {

        private final String role;
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Writer commands;
        private final Path log;

        private Hop(String role, Process process, Path log) {
            this.role = role;
            this.process = process;
            this.log = log;
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            Thread reader = new Thread(this::readOutput, "raw-" + role + "-out");
            reader.setDaemon(true);
            reader.start();
        }

        static Hop start(RawBaseline baseline, String role, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(baseline.javaOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(RawHops.class.getName());
            command.add(role);
            command.addAll(List.of(args));
            Files.createDirectories(baseline.logs);
            Path log = baseline.logs.resolve("raw-" + role + ".log");
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            DriverProcesses.register(process);
            return new Hop(role, process, log);
        }

        private void readOutput() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the hop ended
            }
        }

        int listeningPort() throws InterruptedException {
            return Integer.parseInt(await("LISTENING")[1]);
        }

        String[] ask(String command, String answerPrefix) throws IOException, InterruptedException {
            commands.write(command + "\n");
            commands.flush();
            return await(answerPrefix);
        }

        private String[] await(String prefix) throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(prefix)) {
                throw new IllegalStateException("raw " + role + " did not answer " + prefix + " (got " + line + "; alive "
                    + process.isAlive() + "); see " + log);
            }
            return line.split(" ");
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("raw " + role + " exited with " + process.exitValue() + "; see " + log);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
