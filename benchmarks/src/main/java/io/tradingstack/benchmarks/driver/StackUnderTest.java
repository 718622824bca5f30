package io.tradingstack.benchmarks.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The services a scenario measures and where to reach them: JVMs the driver started from the
 * built jars on ports of its own, or a running stack it attached to. Closing it stops what the
 * driver started, and nothing else.
 *
 * @param gateway      always present
 * @param orderbook    always present
 * @param orderManager null when the scenario does not trade
 * @param strategy     null when the scenario does not trade
 * @param host         where the feeds listen
 * @param pricePort    the price feed
 * @param newsPort     the news feed
 * @param book         the shared price book file the orderbook writes
 */
record StackUnderTest(ServiceJvm gateway, ServiceJvm orderbook, ServiceJvm orderManager, ServiceJvm strategy,
        String host, int pricePort, int newsPort, Path book) implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** The symbols the gateway quotes and the scalpers trade: the gateway's default ones, passed to it explicitly. */
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");

    /** How the orders of the latency scenario are sent. */
    enum Scalpers {
        /**
         * One scalper per symbol, each a strategy with its own order connection: one order per
         * symbol in flight, none waiting for another symbol's answer.
         */
        PER_SYMBOL,
        /**
         * One scalper for every symbol: one order connection, and since a strategy's order client
         * keeps one order in flight, an order for one symbol waits for the answer to another's.
         */
        ONE
    }

    /** The rates and the parts of the stack to start. */
    record Plan(double priceTicksPerSecond, double newsPerSecond, boolean trading, Scalpers scalpers) {
    }

    /**
     * Starts the gateway and the orderbook (and, when trading, the order manager and the
     * scalpers of the plan, which order on every news tick) from their jars under {@code root}, each on ports
     * of its own, with the price book and the journal under {@code workDir}; waits until each is healthy.
     */
    static StackUnderTest launch(Path root, Path workDir, List<String> javaOptions, Plan plan)
            throws IOException, InterruptedException {
        String version = System.getProperty("trading.stack.version", "0.1.0-SNAPSHOT");
        Path logs = workDir.resolve("logs");
        Path book = workDir.resolve("pricebook.dat");
        int pricePort = freePort();
        int newsPort = freePort();
        List<ServiceJvm> started = new ArrayList<>();
        try {
            ServiceJvm gateway = start(started, root, version, "gateway", javaOptions, logs, List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.market.symbols=" + String.join(",", SYMBOLS),
                "--trading.gateway.market.ticks-per-second=" + plan.priceTicksPerSecond(),
                "--trading.gateway.news.per-second=" + plan.newsPerSecond()));
            gateway.awaitHealthy(START_TIMEOUT);
            ServiceJvm orderbook = start(started, root, version, "orderbook", javaOptions, logs, List.of(
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.pricebook.path=" + book));
            orderbook.awaitHealthy(START_TIMEOUT);
            if (!plan.trading()) {
                return new StackUnderTest(gateway, orderbook, null, null, "127.0.0.1", pricePort, newsPort, book);
            }
            int orderPort = freePort();
            ServiceJvm orderManager = start(started, root, version, "order-manager", javaOptions, logs, List.of(
                "--trading.order-manager.server.order-port=" + orderPort,
                "--trading.order-manager.journal.path=" + workDir.resolve("journal").resolve("orders.journal"),
                "--trading.order-manager.risk.max-orders-per-second=1000000",
                // one INFO line per order would measure the logger: the outcome is in the REST API and the metrics
                "--logging.level.io.tradingstack.orders=WARN",
                "--trading.pricebook.path=" + book));
            orderManager.awaitHealthy(START_TIMEOUT);
            List<String> strategyArguments = new ArrayList<>(List.of(
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.order-manager.port=" + orderPort,
                "--trading.pricebook.path=" + book));
            strategyArguments.addAll(scalpers(plan.scalpers()));
            ServiceJvm strategy = start(started, root, version, "strategy", javaOptions, logs, strategyArguments);
            strategy.awaitHealthy(START_TIMEOUT);
            return new StackUnderTest(gateway, orderbook, orderManager, strategy, "127.0.0.1", pricePort, newsPort, book);
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            throw e;
        }
    }

    /** The strategy definitions of the plan's scalpers. */
    static List<String> scalpers(Scalpers scalpers) {
        if (scalpers == Scalpers.ONE) {
            return List.of("--trading.strategy.strategies[0].id=driver-scalper",
                "--trading.strategy.strategies[0].type=scalper",
                "--trading.strategy.strategies[0].symbols=" + String.join(",", SYMBOLS));
        }
        List<String> definitions = new ArrayList<>();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            String symbol = SYMBOLS.get(i);
            definitions.add("--trading.strategy.strategies[" + i + "].id=driver-scalper-" + symbol.toLowerCase(Locale.ROOT));
            definitions.add("--trading.strategy.strategies[" + i + "].type=scalper");
            definitions.add("--trading.strategy.strategies[" + i + "].symbols=" + symbol);
        }
        return definitions;
    }

    private static ServiceJvm start(List<ServiceJvm> started, Path root, String version, String name, List<String> javaOptions,
            Path logs, List<String> arguments) throws IOException {
        String module = name + "-service";
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        ServiceJvm service = ServiceJvm.start(name, jar, javaOptions, freePort(), arguments, logs.resolve(name + ".log"));
        started.add(service);
        return service;
    }

    /**
     * A stack already running, e.g. {@code ./stack up}, of which the plan's parts are measured;
     * nothing of it is stopped by {@link #close()}.
     */
    static StackUnderTest attach(Endpoints endpoints, Plan plan) {
        return new StackUnderTest(ServiceJvm.attach("gateway", endpoints.gateway()),
            ServiceJvm.attach("orderbook", endpoints.orderbook()),
            plan.trading() ? ServiceJvm.attach("order-manager", endpoints.orderManager()) : null,
            plan.trading() ? ServiceJvm.attach("strategy", endpoints.strategy()) : null,
            endpoints.feedHost(), endpoints.pricePort(), endpoints.newsPort(), endpoints.book());
    }

    /** Where a running stack is. */
    record Endpoints(String gateway, String orderbook, String orderManager, String strategy, String feedHost, int pricePort,
            int newsPort, Path book) {
    }

    boolean trading() {
        return orderManager != null && strategy != null;
    }

    /** The services, in start order. */
    List<ServiceJvm> services() {
        List<ServiceJvm> services = new ArrayList<>(List.of(gateway, orderbook));
        if (trading()) {
            services.add(orderManager);
            services.add(strategy);
        }
        return services;
    }

    /** Stops, in reverse start order, what the driver started. */
    @Override
    public void close() {
        List<ServiceJvm> services = services();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
