package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end driver ({@code benchmarks/driver}) must fail a run in which a frame was lost,
 * and say where. The gateway and the orderbook run as JVMs; the driver attaches to them with
 * its price tap behind a relay that can swallow a frame. A clean run exits 0; a run in which
 * the relay drops one price frame exits 1 and names the gap.
 */
class DriverLossIT {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path directory;

    private ServiceProcess gateway;
    private ServiceProcess orderbook;
    private FeedProxy tapRelay;
    private Path book;
    private int newsPort;

    @BeforeEach
    void startGatewayAndOrderBook() throws Exception {
        book = directory.resolve("pricebook.dat");
        int pricePort = StackLayout.freePort();
        newsPort = StackLayout.freePort();
        gateway = new ServiceProcess("driver-loss-gateway", "gateway-service", StackLayout.freePort(), List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.market.ticks-per-second=1000"));
        gateway.start().awaitHealthy(START);
        orderbook = new ServiceProcess("driver-loss-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.pricebook.path=" + book));
        orderbook.start().awaitHealthy(START);
        // Only the driver's tap goes through the relay: a frame it drops is lost to the tap alone.
        tapRelay = new FeedProxy(pricePort);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (orderbook != null) {
            orderbook.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (tapRelay != null) {
            tapRelay.close();
        }
    }

    @Test
    @Timeout(300)
    void shouldPassACleanRunAndFailARunThatLostAFrameNamingTheGap() throws Exception {
        Driver clean = Driver.start(this, "clean");
        assertThat(clean.awaitExit()).as("a run with nothing lost exits 0; see " + clean.log).isZero();
        assertThat(clean.output()).contains("### Throughput").contains("(attached)");

        long relayedBefore = tapRelay.pricesRelayed();
        Driver lossy = Driver.start(this, "lossy");
        // Drop a frame only once the tap receives data through the relay, so that the dropped
        // frame is one the tap must see missing (a first frame lost before any arrived is not a gap).
        Deadline.await("the driver's tap receives prices through the relay", START,
                () -> tapRelay.pricesRelayed() >= relayedBefore + 10);
        tapRelay.dropNextPrices(1);
        assertThat(lossy.awaitExit()).as("a run that lost a frame exits 1; see " + lossy.log).isEqualTo(1);
        assertThat(tapRelay.pricesDropped()).isEqualTo(1);
        assertThat(lossy.output()).contains("price tap: gap: seq").contains("(1 missing)").contains("FAILED");
    }

    /** The driver as a process, in attach mode, its output in a log file. */
    private record Driver(Process process, Path log) {

        static Driver start(DriverLossIT test, String name) throws IOException {
            Path root = StackLayout.root();
            Path benchmarks = root.resolve("benchmarks").resolve("target");
            String version = System.getProperty("trading.stack.version", "0.1.0-SNAPSHOT");
            String classpath = benchmarks.resolve("benchmarks-" + version + ".jar") + ":"
                    + Files.readString(benchmarks.resolve("classpath.txt")).trim();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "io.tradingstack.benchmarks.driver.StackDriver", "throughput", "--attach",
                    "--gateway=" + test.gateway.uri(""), "--orderbook=" + test.orderbook.uri(""),
                    "--price-port=" + test.tapRelay.port(), "--news-port=" + test.newsPort, "--book=" + test.book,
                    "--warmup=1s", "--duration=10s", "--java-opts=-Xmx128m",
                    "--root=" + root, "--work-dir=" + test.directory.resolve("driver-" + name)));
            Path log = StackLayout.logDirectory().resolve("driver-loss-" + name + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Driver(process, log);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the driver did not finish within 180 s; see " + log);
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }
}
