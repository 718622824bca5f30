package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack over three hosts, made on one machine with network namespaces
 * ({@link MultiHostNetwork}): the exchange host (the root namespace) runs the gateway, the
 * order manager and the orderbook whose book the order manager fills on; strategy hosts a and b
 * each run an orderbook subscribed to the gateway over TCP, writing a book of the host's own,
 * and a strategy reading that book. Both strategies trade; then host a's feed ports are cut by
 * iptables in its namespace: host b keeps trading, host a's feeds and book go DOWN and its
 * strategy sends nothing; after the heal host a's feeds recover (replay or reset) and it trades
 * again. Everything is asserted through the services' ports and Actuator.
 *
 * <p>Needs root, {@code ip netns} and iptables. Without them the test is skipped with the
 * reason, unless {@code TRADING_STACK_REQUIRE_NETNS=true} (system property or environment, as
 * CI sets it), where a missing capability fails instead.
 */
class MultiHostIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(240);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration TRADE = Duration.ofSeconds(240);
    private static final String[] PRICE = {"feed", "price"};
    private static final String[] NEWS = {"feed", "news"};

    private static NamespaceRequirement<MultiHostNetwork> networkRequirement;
    private static MultiHostNetwork network;

    @TempDir
    Path directory;

    private final int pricePort = StackLayout.freePort();
    private final int newsPort = StackLayout.freePort();
    private final int orderPort = StackLayout.freePort();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<StrategyHost> hosts = new ArrayList<>();
    private ServiceProcess gateway;
    private ServiceProcess orderManager;

    /** One strategy host's processes, its strategy's id and the iptables rules on its feed ports. */
    private record StrategyHost(String strategyId, NetworkNamespace namespace, Path book, ServiceProcess orderbook,
            ServiceProcess strategy, SubscriberCut cut) {
    }

    @BeforeAll
    static void createHosts() {
        networkRequirement = NamespaceRequirement.make("MultiHostIT", () -> MultiHostNetwork.create("a", "b"));
    }

    @AfterAll
    static void removeHosts() {
        if (networkRequirement != null && networkRequirement.made() != null) {
            networkRequirement.made().close();
        }
    }

    @BeforeEach
    void startTheHosts() throws Exception {
        network = networkRequirement.orSkip();
        String exchange = network.exchangeAddress();
        Path exchangeBook = directory.resolve("exchange-host").resolve("pricebook.dat");
        // The exchange host: default rates (100 prices/s, 2 news/s), so that the cost measured is the default's.
        gateway = process(new ServiceProcess("multi-gateway", "gateway-service", StackLayout.freePort(), List.of(
                "--trading.gateway.feeds.bind-address=" + exchange,
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort)));
        process(new ServiceProcess("multi-exchange-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.host=" + exchange,
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.pricebook.path=" + exchangeBook)));
        orderManager = process(new ServiceProcess("multi-order-manager", "order-manager-service", StackLayout.freePort(),
                List.of("--trading.order-manager.server.bind-address=" + exchange,
                        "--trading.order-manager.server.order-port=" + orderPort,
                        "--trading.order-manager.journal.path=" + directory.resolve("orders.journal"),
                        "--trading.pricebook.path=" + exchangeBook)));
        for (NetworkNamespace namespace : network.hosts()) {
            String host = namespace.name().substring(namespace.name().length() - 1);
            hosts.add(strategyHost(host, namespace, exchange));
        }
        // Started together, awaited together: seven JVMs on a small machine start faster side by side.
        for (ServiceProcess process : processes) {
            process.start();
        }
        for (ServiceProcess process : processes) {
            process.awaitHealthy(START);
        }
    }

    /** An orderbook and a strategy in the host's namespace, sharing a book file of the host's own. */
    private StrategyHost strategyHost(String host, NetworkNamespace namespace, String exchange) {
        String address = namespace.namespaceAddress();
        Path book = directory.resolve("strategy-host-" + host).resolve("pricebook.dat");
        String strategyId = "momentum-" + host;
        ServiceProcess orderbook = process(new ServiceProcess("multi-" + host + "-orderbook", "orderbook-service",
                namespace.execPrefix(), address, StackLayout.freePort(), List.of(
                "--server.address=" + address,
                "--trading.orderbook.gateway.host=" + exchange,
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.orderbook.feed.connect-timeout=1s",
                "--trading.orderbook.feed.backoff-max=1s",
                "--trading.pricebook.path=" + book)));
        ServiceProcess strategy = process(new ServiceProcess("multi-" + host + "-strategy", "strategy-service",
                namespace.execPrefix(), address, StackLayout.freePort(), List.of(
                "--server.address=" + address,
                "--trading.strategy.gateway.host=" + exchange,
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.feed.connect-timeout=1s",
                "--trading.strategy.feed.backoff-max=1s",
                "--trading.strategy.order-manager.host=" + exchange,
                "--trading.strategy.order-manager.port=" + orderPort,
                "--trading.strategy.strategies[0].id=" + strategyId,
                "--trading.pricebook.path=" + book)));
        return new StrategyHost(strategyId, namespace, book, orderbook, strategy,
                new SubscriberCut(namespace, exchange, List.of(pricePort, newsPort)));
    }

    private ServiceProcess process(ServiceProcess process) {
        processes.add(process);
        return process;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (StrategyHost host : hosts) {
            host.cut().close();
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }

    @Test
    @Timeout(1200)
    void shouldKeepTradingOnTheOtherHostWhileOneStrategyHostIsCutOffAndTradeAgainAfterTheHeal() {
        StrategyHost a = hosts.get(0);
        StrategyHost b = hosts.get(1);
        for (StrategyHost host : hosts) {
            Deadline.await(host.strategy().name() + "'s book is fresh from its own host's orderbook", SETTLE,
                    () -> host.strategy().status("/actuator/health/book") == 200);
            JsonNode book = JSON.readTree(host.strategy().getOk("/actuator/health/book")).path("details");
            assertThat(book.path("path").asString("")).as(host.strategy().name() + " reads its host's own book")
                    .isEqualTo(host.book().toString());
        }
        PrometheusScrape subscribers = gateway.metrics();
        assertThat(subscribers.sum("trading_feed_subscribers", PRICE)).as("price subscribers: the orderbook of each host")
                .isEqualTo(1 + hosts.size());
        assertThat(subscribers.sum("trading_feed_subscribers", NEWS)).as("news subscribers: each strategy host's strategy")
                .isEqualTo(hosts.size());
        Deadline.await("the order manager fills orders of both strategy ids", TRADE,
                () -> filled(a) > 0 && filled(b) > 0);
        measureWhatOneStrategyHostCostsTheGateway(b);

        PrometheusScrape gatewayBefore = gateway.metrics();
        PrometheusScrape orderbookBefore = a.orderbook().metrics();
        a.cut().drop();
        long cutAt = System.nanoTime();
        Deadline.await("host a's orderbook feed DOWN: silence for 3 heartbeats", SETTLE,
                () -> a.orderbook().status("/actuator/health/feed") == 503);
        Deadline.await("host a's strategy's news feed DOWN", SETTLE,
                () -> a.strategy().status("/actuator/health/feed") == 503);
        Deadline.await("host a's strategy's book DOWN: no traded symbol fresh", SETTLE,
                () -> a.strategy().status("/actuator/health/book") == 503);
        long staleAfter = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();
        long sentByA = orders(a).get("sent").asLong();
        long sentByB = orders(b).get("sent").asLong();
        long filledB = filled(b);
        Deadline.await("host b keeps trading: its strategy sends and the order manager fills", TRADE,
                () -> orders(b).get("sent").asLong() > sentByB && filled(b) > filledB);
        assertThat(a.strategy().status("/actuator/health/book")).as("host a's book is still stale while cut").isEqualTo(503);
        assertThat(orders(a).get("sent").asLong()).as("host a's strategy sends nothing on stale prices ("
                + a.strategy().log() + ")").isEqualTo(sentByA);
        long filledA = filled(a);

        a.cut().heal();
        long healedAt = System.nanoTime();
        a.orderbook().awaitHealthy(SETTLE, "/actuator/health/feed");
        a.strategy().awaitHealthy(SETTLE, "/actuator/health/feed");
        a.strategy().awaitHealthy(SETTLE, "/actuator/health/book");
        long recoveredAfter = Duration.ofNanos(System.nanoTime() - healedAt).toMillis();
        String recovery = assertRecoveredByReplayOrReset(gatewayBefore, orderbookBefore, a);
        Deadline.await("host a trades again: a new fill for " + a.strategyId() + " in the order manager", TRADE,
                () -> filled(a) > filledA);
        assertThat(orders(a).get("sent").asLong()).as("host a's strategy sends again").isGreaterThan(sentByA);

        System.out.printf("MultiHostIT: host a stale %d ms after the cut, feeds and book UP %d ms after the heal (%s); "
                + "fills a %d -> %d, b %d -> %d%n", staleAfter, recoveredAfter, recovery, filledA, filled(a), filledB,
                filled(b));
    }

    /**
     * One strategy host costs the gateway one more subscriber per feed: the bytes host b's
     * namespace takes in from each feed port while the gateway publishes at its default rates.
     */
    private void measureWhatOneStrategyHostCostsTheGateway(StrategyHost host) {
        long start = System.nanoTime();
        PrometheusScrape before = gateway.metrics();
        long priceBytes = host.cut().bytesFrom(pricePort);
        long newsBytes = host.cut().bytesFrom(newsPort);
        double priceSent = before.sum("trading_feed_messages_sent_total", PRICE);
        double newsSent = before.sum("trading_feed_messages_sent_total", NEWS);
        Deadline.await("the gateway publishes 2,000 prices and 40 news", SETTLE, () -> {
            PrometheusScrape now = gateway.metrics();
            return now.sum("trading_feed_messages_sent_total", PRICE) - priceSent >= 2_000
                    && now.sum("trading_feed_messages_sent_total", NEWS) - newsSent >= 40;
        });
        PrometheusScrape after = gateway.metrics();
        long priceBytesDelta = host.cut().bytesFrom(pricePort) - priceBytes;
        long newsBytesDelta = host.cut().bytesFrom(newsPort) - newsBytes;
        double seconds = (System.nanoTime() - start) / 1e9;
        double prices = after.sum("trading_feed_messages_sent_total", PRICE) - priceSent;
        double news = after.sum("trading_feed_messages_sent_total", NEWS) - newsSent;
        assertThat(priceBytesDelta).as("bytes from the price feed to " + host.namespace()).isPositive();
        assertThat(newsBytesDelta).as("bytes from the news feed to " + host.namespace()).isPositive();
        System.out.printf("MultiHostIT: one strategy host costs the gateway, over %.1f s: price feed %.0f msg/s, %.0f B/s"
                + " (%.0f B/msg on the wire); news feed %.1f msg/s, %.0f B/s (%.0f B/msg); %.0f B/s in all%n", seconds,
                prices / seconds, priceBytesDelta / seconds, priceBytesDelta / prices, news / seconds,
                newsBytesDelta / seconds, newsBytesDelta / news, (priceBytesDelta + newsBytesDelta) / seconds);
    }

    /**
     * The orderbook reconnected and was brought up to date by a replay from the ring or a reset.
     *
     * @return how many of each the gateway served, for the report
     */
    private String assertRecoveredByReplayOrReset(PrometheusScrape gatewayBefore, PrometheusScrape orderbookBefore,
            StrategyHost host) {
        PrometheusScrape gatewayAfter = gateway.metrics();
        PrometheusScrape orderbookAfter = host.orderbook().metrics();
        double recoveries = gatewayAfter.sum("trading_feed_replays_served_total", PRICE)
                + gatewayAfter.sum("trading_feed_resets_sent_total", PRICE);
        double recoveriesBefore = gatewayBefore.sum("trading_feed_replays_served_total", PRICE)
                + gatewayBefore.sum("trading_feed_resets_sent_total", PRICE);
        assertThat(recoveries).as("price replays served + resets sent by the gateway").isGreaterThan(recoveriesBefore);
        assertThat(orderbookAfter.sum("trading_feed_reconnects_total", PRICE)).as(host.orderbook().name() + " reconnected")
                .isGreaterThan(orderbookBefore.sum("trading_feed_reconnects_total", PRICE));
        String replays = "trading_feed_replays_served_total";
        String resets = "trading_feed_resets_sent_total";
        return String.format("price replays %.0f, resets %.0f",
                gatewayAfter.sum(replays, PRICE) - gatewayBefore.sum(replays, PRICE),
                gatewayAfter.sum(resets, PRICE) - gatewayBefore.sum(resets, PRICE));
    }

    /** The host's strategy's order counts, from {@code GET /api/strategies}. */
    private static JsonNode orders(StrategyHost host) {
        JsonNode views = JSON.readTree(host.strategy().getOk("/api/strategies"));
        for (JsonNode view : views) {
            if (view.get("strategyId").asString().equals(host.strategyId())) {
                return view.get("orders");
            }
        }
        throw new AssertionError(host.strategy().name() + " does not run " + host.strategyId() + ": " + views);
    }

    /** FILLED orders of the host's strategy id, as the order manager lists them. */
    private long filled(StrategyHost host) {
        return OrderManagerRest.orders(orderManager).stream()
                .filter(order -> host.strategyId().equals(order.path("strategyId").asString(""))
                        && "FILLED".equals(order.path("status").asString("")))
                .count();
    }
}
