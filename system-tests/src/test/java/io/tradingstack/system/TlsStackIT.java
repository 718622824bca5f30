package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.tls.TestCertificates;
import io.tradingstack.tls.TlsClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack as four JVMs with TLS on every port, as docs/security.md turns it on: the feed
 * ports, the order port (client certificates required) and the four HTTP ports each from its
 * service's SSL bundle, with certificates made by {@code tls/make-test-ca}. The stack trades end
 * to end (orders FILLED, read over HTTPS); on the running stack, every TLS port refuses a
 * plaintext client and a client that trusts another CA, and the order port refuses a client
 * without a certificate.
 */
class TlsStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    private final List<ServiceProcess> stack = new ArrayList<>();
    private TestCertificates certificates;
    private int pricePort;
    private int newsPort;
    private int orderPort;
    private ServiceProcess gateway;
    private ServiceProcess orderbook;
    private ServiceProcess orderManager;
    private ServiceProcess strategy;

    @BeforeEach
    void startTheStackWithTls() throws Exception {
        certificates = TestCertificates.make(directory.resolve("certs"));
        HttpClient https = TlsClients.https(certificates.trustOnly("ca"));
        Path book = directory.resolve("pricebook.dat");
        pricePort = StackLayout.freePort();
        newsPort = StackLayout.freePort();
        orderPort = StackLayout.freePort();
        gateway = start(service("tls-gateway", "gateway-service", https, bundle("gateway", "gateway"), List.of(
                "--server.ssl.bundle=gateway",
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.feeds.tls.bundle=gateway")));
        orderbook = start(service("tls-orderbook", "orderbook-service", https, bundle("orderbook", "orderbook"), List.of(
                "--server.ssl.bundle=orderbook",
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.orderbook.gateway.tls.bundle=orderbook",
                "--trading.pricebook.path=" + book)));
        orderManager = start(service("tls-order-manager", "order-manager-service", https,
                bundle("order-manager", "order-manager"), List.of(
                "--server.ssl.bundle=order-manager",
                "--trading.order-manager.server.order-port=" + orderPort,
                "--trading.order-manager.server.tls.bundle=order-manager",
                "--trading.order-manager.server.tls.client-auth=need",
                "--trading.order-manager.journal.path=" + directory.resolve("orders.journal"),
                "--trading.pricebook.path=" + book)));
        List<String> strategyArguments = new ArrayList<>(bundle("strategy-client", "strategy-client"));
        strategyArguments.addAll(List.of(
                "--server.ssl.bundle=strategy",
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.gateway.tls.bundle=strategy",
                "--trading.strategy.order-manager.port=" + orderPort,
                "--trading.strategy.order-manager.tls.bundle=strategy-client",
                "--trading.pricebook.path=" + book));
        strategy = start(service("tls-strategy", "strategy-service", https, bundle("strategy", "strategy"), strategyArguments));
    }

    @AfterEach
    void stopTheStack() throws Exception {
        for (int i = stack.size() - 1; i >= 0; i--) {
            stack.get(i).close();
        }
    }

    @Test
    @Timeout(300)
    void shouldTradeEndToEndOverTlsAndRefuseEveryWrongClientOnEveryTlsPort() throws Exception {
        Deadline.await("the strategy has orders filled by the order manager, over TLS", Duration.ofSeconds(90),
                () -> strategyFilled() > 0);
        JsonNode orders = JSON.readTree(orderManager.getOk("/api/orders?page=0&size=500"));
        boolean anyFilled = false;
        for (JsonNode item : orders.get("items")) {
            anyFilled |= "FILLED".equals(item.get("status").asString());
        }
        assertThat(anyFilled).as("an order FILLED in the order manager's list").isTrue();

        Map<String, Integer> tcpPorts = Map.of("price feed", pricePort, "news feed", newsPort, "orders", orderPort);
        for (Map.Entry<String, Integer> port : tcpPorts.entrySet()) {
            assertThat(TlsClients.plaintextClosed(port.getValue())).as(port.getKey() + " closes a plaintext client").isTrue();
            assertThat(TlsClients.refused(certificates.keyAndTrust("strategy-client", "other-ca"), port.getValue()))
                    .as(port.getKey() + " refuses a client that trusts another CA").isTrue();
        }
        assertThat(TlsClients.refused(certificates.trustOnly("ca"), orderPort))
                .as("the order port refuses a client without a certificate").isTrue();
        assertThat(TlsClients.refused(certificates.keyAndTrust("other-client", "ca"), orderPort))
                .as("the order port refuses a certificate of another CA").isTrue();

        HttpClient otherCa = TlsClients.https(certificates.trustOnly("other-ca"));
        for (ServiceProcess service : stack) {
            assertThat(service.status("/actuator/health")).as(service.name() + " answers HTTPS").isEqualTo(200);
            assertThatThrownBy(() -> TlsClients.get(otherCa, service.uri("/actuator/health").toString()))
                    .as(service.name() + " HTTPS refuses a client that trusts another CA").isInstanceOf(SSLException.class);
            assertThat(plainHttpStatus(service)).as(service.name() + " answers no plain HTTP request with 200").isNotEqualTo(200);
        }
        assertThat(strategy.metrics().sum("trading_hop_order_round_trip_seconds_count")).isPositive();
        assertThat(orderbook.metrics().sum("trading_feed_messages_received_total")).isPositive();
        assertThat(gateway.metrics().sum("trading_frames_invalid_total", "reason", "TLS_HANDSHAKE")).isPositive();
    }

    /** The {@code spring.ssl.bundle.pem.<name>} arguments: {@code certificate}'s key and certificate, trust in the test CA. */
    private List<String> bundle(String name, String certificate) {
        List<String> arguments = new ArrayList<>();
        certificates.springBundle(name, certificate, "ca").forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    private static ServiceProcess service(String name, String module, HttpClient https, List<String> bundle,
            List<String> arguments) {
        List<String> all = new ArrayList<>(bundle);
        all.addAll(arguments);
        return new ServiceProcess(name, module, StackLayout.freePort(), all).https(https);
    }

    private ServiceProcess start(ServiceProcess service) throws Exception {
        stack.add(service);
        return service.start().awaitHealthy(START);
    }

    private long strategyFilled() {
        long filled = 0;
        for (JsonNode view : JSON.readTree(strategy.getOk("/api/strategies"))) {
            filled += view.get("orders").get("filled").asLong();
        }
        return filled;
    }

    private static int plainHttpStatus(ServiceProcess service) {
        String uri = service.uri("/actuator/health").toString().replaceFirst("^https:", "http:");
        try {
            return TlsClients.get(HttpClient.newHttpClient(), uri).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
