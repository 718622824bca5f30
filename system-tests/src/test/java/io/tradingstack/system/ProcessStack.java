package io.tradingstack.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole stack as four JVMs from their built jars on ephemeral ports, started in order of
 * dependency (gateway, orderbook, order manager, strategy), each awaited healthy, and stopped in
 * reverse. The order port requires the strategy's logon token, which both sides read from their
 * secrets directories, never from a command line. What the gateway plays is the caller's: the
 * simulation by default, or a recording through {@code gatewayArguments}. The order manager's web
 * console is given the other three's HTTP ports.
 */
final class ProcessStack implements AutoCloseable {

    static final String TOKEN = "momentum-token-from-a-file";

    private static final Duration START = Duration.ofSeconds(90);

    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess orderManager;
    private ServiceProcess strategy;

    /**
     * Starts the four services; whatever started before a failure is stopped by {@link #close()},
     * which the caller's {@code @AfterEach} calls in any case.
     *
     * @param directory        the run's price book, journal and secrets
     * @param gatewayArguments further {@code --key=value} arguments of the gateway
     */
    ProcessStack start(Path directory, List<String> gatewayArguments) throws Exception {
        Path book = directory.resolve("pricebook.dat");
        int pricePort = StackLayout.freePort();
        int newsPort = StackLayout.freePort();
        int orderPort = StackLayout.freePort();
        List<String> gateway = new ArrayList<>(List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort));
        gateway.addAll(gatewayArguments);
        ServiceProcess gatewayProcess = start(new ServiceProcess("stack-gateway", "gateway-service", StackLayout.freePort(),
                gateway));
        ServiceProcess orderbook = start(new ServiceProcess("stack-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.pricebook.path=" + book)));
        // The strategy's logon token, on neither command line: one file in each service's secrets directory.
        Path managerSecrets = secret(directory.resolve("order-manager-secrets"), "trading.order-manager.tokens.momentum-1");
        Path strategySecrets = secret(directory.resolve("strategy-secrets"), "trading.strategy.tokens.momentum-1");
        // The strategy starts after the order manager, whose web console reads it: its HTTP port is chosen now.
        int strategyHttpPort = StackLayout.freePort();
        orderManager = start(new ServiceProcess("stack-order-manager", "order-manager-service", StackLayout.freePort(), List.of(
                "--trading.order-manager.server.order-port=" + orderPort,
                "--trading.order-manager.journal.path=" + directory.resolve("orders.journal"),
                "--trading.pricebook.path=" + book,
                "--TRADING_SECRETS_DIR=" + managerSecrets + "/",
                "--trading.order-manager.console.services.gateway=http://127.0.0.1:" + gatewayProcess.httpPort(),
                "--trading.order-manager.console.services.orderbook=http://127.0.0.1:" + orderbook.httpPort(),
                "--trading.order-manager.console.services.strategy=http://127.0.0.1:" + strategyHttpPort)));
        strategy = start(new ServiceProcess("stack-strategy", "strategy-service", strategyHttpPort, List.of(
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.order-manager.port=" + orderPort,
                "--trading.pricebook.path=" + book,
                "--TRADING_SECRETS_DIR=" + strategySecrets + "/")));
        return this;
    }

    ServiceProcess orderManager() {
        return orderManager;
    }

    ServiceProcess strategy() {
        return strategy;
    }

    /** The services started, in order of start. */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Stops every service, the last started first; stopping a stopped one does nothing. */
    @Override
    public void close() throws InterruptedException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    private ServiceProcess start(ServiceProcess service) throws Exception {
        services.add(service);
        return service.start().awaitHealthy(START);
    }

    /** A secrets directory holding one key: a file named after it, its value with a trailing newline. */
    private static Path secret(Path secrets, String key) throws IOException {
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve(key), TOKEN + "\n");
        return secrets;
    }
}
