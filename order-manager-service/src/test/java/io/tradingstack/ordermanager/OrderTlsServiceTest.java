package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.tls.TestCertificates;
import io.tradingstack.tls.TlsClients;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The order manager with TLS on its order port, client certificates required, and on its HTTP
 * port, from the SSL bundle {@code orders} (its certificate from the test CA, trust in the test
 * CA for client certificates): the strategy's certificate trades; a plaintext client, a client
 * that trusts another CA, a client without a certificate and one whose certificate another CA
 * issued are refused and counted; the REST API answers over HTTPS to a client that trusts the CA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.port=0",
    "server.ssl.bundle=orders",
    "trading.order-manager.server.order-port=0",
    "trading.order-manager.server.tls.bundle=orders",
    "trading.order-manager.server.tls.client-auth=need",
    "trading.pricebook.staleness=1h"})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OrderTlsServiceTest {

    private static final AtomicLong IDS = new AtomicLong();

    @TempDir
    static Path bookDirectory;

    static TestPriceBook book;

    @Autowired
    private OrderServer server;

    @Autowired
    private MeterRegistry registry;

    @Value("${local.server.port}")
    private int httpPort;

    @DynamicPropertySource
    static void pathsAndBundle(DynamicPropertyRegistry registry) {
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("pricebook.dat").toString());
        registry.add("trading.order-manager.journal.path", () -> bookDirectory.resolve("orders.journal").toString());
        TestCertificates.inTarget().springBundle("orders", "order-manager", "ca").forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void writeBook() {
        book = TestPriceBook.create(bookDirectory.resolve("pricebook.dat")).quote("AAPL", "100.00", "100.02");
    }

    @AfterAll
    static void closeBook() {
        book.close();
    }

    @BeforeEach
    void awaitServer() throws InterruptedException {
        assertThat(server.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldFillTheOrdersOfAClientWithTheStrategysCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.inTarget();
        try (OrderTestClient client = OrderTestClient.over(
                TlsClients.handshake(certificates.keyAndTrust("strategy-client", "ca"), server.port()))) {
            Order order = order();
            Execution execution = client.order(order);
            assertThat(execution.clientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRefuseAPlaintextClientAndCountIt() throws Exception {
        double before = handshakeFailures();

        assertThat(TlsClients.plaintextClosed(server.port())).isTrue();

        awaitHandshakeFailures(before + 1);
    }

    @Test
    void shouldFailTheHandshakeOfAClientThatTrustsAnotherCa() {
        TestCertificates certificates = TestCertificates.inTarget();
        assertThatThrownBy(() -> TlsClients.handshake(certificates.keyAndTrust("strategy-client", "other-ca"), server.port()).close())
            .isInstanceOf(SSLException.class);
    }

    @Test
    void shouldRefuseAClientWithoutACertificateAndCountIt() throws Exception {
        double before = handshakeFailures();

        assertThat(TlsClients.refused(TestCertificates.inTarget().trustOnly("ca"), server.port())).isTrue();

        awaitHandshakeFailures(before + 1);
    }

    @Test
    void shouldRefuseAClientWhoseCertificateAnotherCaIssued() throws Exception {
        assertThat(TlsClients.refused(TestCertificates.inTarget().keyAndTrust("other-client", "ca"), server.port())).isTrue();
    }

    @Test
    void shouldAnswerTheRestApiOverHttpsToAClientThatTrustsTheCa() throws Exception {
        HttpClient trusting = TlsClients.https(TestCertificates.inTarget().trustOnly("ca"));
        HttpResponse<String> positions = TlsClients.get(trusting, "https://127.0.0.1:" + httpPort + "/api/positions");
        assertThat(positions.statusCode()).isEqualTo(200);

        HttpClient other = TlsClients.https(TestCertificates.inTarget().trustOnly("other-ca"));
        assertThatThrownBy(() -> TlsClients.get(other, "https://127.0.0.1:" + httpPort + "/api/positions"))
            .isInstanceOf(SSLException.class);
    }

    @Test
    void shouldNotStartWhenClientCertificatesAreRequiredAndTheBundleCannotVerifyThem() {
        TestCertificates certificates = TestCertificates.inTarget();
        assertThatThrownBy(() -> new SpringApplicationBuilder(OrderManagerApplication.class)
            .properties("server.port=0", "trading.order-manager.server.order-port=0",
                "trading.pricebook.path=" + bookDirectory.resolve("pricebook.dat"),
                "trading.order-manager.journal.path=" + bookDirectory.resolve("other.journal"),
                "spring.ssl.bundle.pem.keyonly.keystore.certificate=file:" + certificates.file("order-manager.crt"),
                "spring.ssl.bundle.pem.keyonly.keystore.private-key=file:" + certificates.file("order-manager.key"),
                "trading.order-manager.server.tls.bundle=keyonly",
                "trading.order-manager.server.tls.client-auth=need")
            .run().close())
            .hasStackTraceContaining("trading.order-manager.server.tls.client-auth=need: bundle keyonly has no trust");
    }

    private static Order order() {
        return new Order("tls-" + IDS.incrementAndGet(), "momentum-1", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }

    private void awaitHandshakeFailures(double count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (handshakeFailures() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(handshakeFailures()).isEqualTo(count);
    }

    private double handshakeFailures() {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
            .tag(TradingMetric.Tags.SERVICE, "order-manager")
            .tag(TradingMetric.Tags.REASON, "TLS_HANDSHAKE")
            .counter().count();
    }
}
