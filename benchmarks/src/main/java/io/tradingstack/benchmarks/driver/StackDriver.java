package io.tradingstack.benchmarks.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.convert.DurationStyle;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The end-to-end driver: runs the stack under load, checks every sequence, and prints one
 * table per scenario beside a raw-socket baseline measured in the same run (and writes it as
 * markdown). {@code benchmarks/driver throughput} and {@code benchmarks/driver latency}.
 *
 * <p>Exit status: 0 when the run completed with no loss, 1 when data was lost (a gap, reset,
 * cut, duplicate, a book that holds what was not sent, an expired order), 2 on bad arguments,
 * 3 when the stack could not be run.
 */
@Command(name = "driver", mixinStandardHelpOptions = true, subcommands = {StackDriver.Throughput.class, StackDriver.Latency.class},
    description = "Runs the trading stack under load beside a raw-socket baseline and prints the results as a table.")
public final class StackDriver {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new StackDriver())
            .registerConverter(Duration.class, DurationStyle::detectAndParse);
        int status = commandLine.execute(args);
        DriverProcesses.stopAll();
        System.exit(status);
    }

    /** The options both scenarios take. */
    static final class Common {

        @Option(names = "--warmup", defaultValue = "10s", description = "Load before the window starts (default ${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(names = "--duration", defaultValue = "60s", description = "The measured window (default ${DEFAULT-VALUE}).")
        Duration duration;

        @Option(names = "--java-opts", defaultValue = "-Xmx256m",
            description = "JVM options of every service and baseline process (default ${DEFAULT-VALUE}, as ./stack).")
        String javaOpts;

        @Option(names = "--root", defaultValue = ".", description = "The repository, where the service jars are built.")
        Path root;

        @Option(names = "--work-dir", description = "Where the price book, journal and logs go (default benchmarks/target/driver/<scenario>-<time>).")
        Path workDir;

        @Option(names = "--out", description = "The markdown file the table is written to (default <work-dir>/<scenario>.md).")
        Path out;

        @Option(names = "--attach", description = "Measure a running stack (e.g. ./stack up) instead of starting one.")
        boolean attach;

        @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", description = "Attached: the gateway's HTTP port.")
        String gateway;

        @Option(names = "--orderbook", defaultValue = "http://127.0.0.1:8081", description = "Attached: the orderbook's HTTP port.")
        String orderbook;

        @Option(names = "--strategy", defaultValue = "http://127.0.0.1:8082", description = "Attached: the strategy's HTTP port.")
        String strategy;

        @Option(names = "--order-manager", defaultValue = "http://127.0.0.1:8083", description = "Attached: the order manager's HTTP port.")
        String orderManager;

        @Option(names = "--feed-host", defaultValue = "127.0.0.1", description = "Attached: where the feeds listen.")
        String feedHost;

        @Option(names = "--price-port", defaultValue = "8000", description = "Attached: the price feed.")
        int pricePort;

        @Option(names = "--news-port", defaultValue = "8001", description = "Attached: the news feed.")
        int newsPort;

        @Option(names = "--book", description = "Attached: the price book file (default ${java.io.tmpdir}/trading-stack/pricebook.dat).")
        Path book;

        int run(String scenario, ScenarioBody body) throws Exception {
            Path dir = workDir != null ? workDir : root.resolve("benchmarks").resolve("target").resolve("driver")
                .resolve(scenario + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(dir);
            StackUnderTest.Endpoints endpoints = !attach ? null : new StackUnderTest.Endpoints(gateway, orderbook, orderManager, strategy,
                feedHost, pricePort, newsPort, book != null ? book
                    : Path.of(System.getProperty("java.io.tmpdir"), "trading-stack", "pricebook.dat"));
            List<String> options = Arrays.stream(javaOpts.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
            DriverRun run = new DriverRun(root.toAbsolutePath().normalize(), dir.toAbsolutePath(), options, warmup, duration, endpoints);
            String report;
            try {
                report = body.run(run);
            } catch (IllegalStateException | IOException e) {
                System.err.println("[driver] could not run the " + scenario + " scenario: " + e.getMessage());
                return 3;
            }
            Path file = out != null ? out : dir.resolve(scenario + ".md");
            Files.writeString(file, report);
            System.out.println(report);
            System.err.println("[driver] table written to " + file);
            if (!run.failures().isEmpty()) {
                System.err.println("[driver] FAILED: " + String.join(" | ", run.failures()));
                return 1;
            }
            return 0;
        }
    }

    @FunctionalInterface
    interface ScenarioBody {
        String run(DriverRun run) throws Exception;
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Steps the price rate up; reports the highest rate the orderbook sustains with no loss and book age p99 within the bound.")
    static final class Throughput implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--rates", split = ",", defaultValue = "5000,10000,25000,50000,100000,150000,200000,250000,300000,400000",
            description = "Price ticks/s of each step, in order; the stepping ends at the first step that fails (default ${DEFAULT-VALUE}).")
        List<Double> rates;

        @Option(names = "--max-book-age-p99", defaultValue = "10ms", description = "A step passes with book age p99 up to this (default ${DEFAULT-VALUE}).")
        Duration maxAge;

        @Override
        public Integer call() throws Exception {
            return common.run("throughput", run -> new ThroughputScenario(run, rates, maxAge).run());
        }
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Prices and news at fixed rates, an order on every news tick: tick-to-trade, each hop, resources.")
    static final class Latency implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--price-rate", defaultValue = "10000", description = "Price ticks/s (default ${DEFAULT-VALUE}).")
        double priceRate;

        @Option(names = "--news-rate", defaultValue = "1000", description = "News ticks/s, each one an order (default ${DEFAULT-VALUE}).")
        double newsRate;

        @Option(names = "--scalpers", defaultValue = "PER_SYMBOL",
            description = "PER_SYMBOL: a scalper strategy per symbol, each with its own order connection; ONE: one for"
                + " every symbol, whose order client keeps one order in flight (default ${DEFAULT-VALUE}).")
        StackUnderTest.Scalpers scalpers;

        @Override
        public Integer call() throws Exception {
            return common.run("latency", run -> new LatencyScenario(run, priceRate, newsRate, scalpers).run());
        }
    }
}
