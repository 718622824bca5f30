package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLException;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.FeedTestClient;
import io.tradingstack.gateway.GatewayApplication;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.tls.TestCertificates;
import io.tradingstack.tls.TlsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with TLS on its two feed ports and its HTTP port, all from the SSL bundle
 * {@code gateway} (its certificate from the test CA): a subscriber that trusts the test CA gets
 * the feeds; a plaintext subscriber and one that trusts another CA are refused on both ports
 * and counted; HTTPS serves Actuator to a client that trusts the CA and nothing to plain HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.port=0",
        "server.ssl.bundle=gateway",
        "trading.gateway.feeds.price-port=0",
        "trading.gateway.feeds.news-port=0",
        "trading.gateway.feeds.tls.bundle=gateway",
        "trading.gateway.market.ticks-per-second=50",
        "trading.gateway.news.per-second=20"})
@DirtiesContext
@Timeout(90)
class FeedTlsServiceTest {

    @Value("${local.server.port}")
    private int httpPort;

    @Autowired
    private FeedServers servers;

    @Autowired
    private MeterRegistry registry;

    @DynamicPropertySource
    static void gatewayBundle(DynamicPropertyRegistry registry) {
        TestCertificates.inTarget().springBundle("gateway", "gateway", "ca").forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void waitUntilListening() throws InterruptedException {
        assertThat(servers.awaitListening(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void shouldServeBothFeedsToASubscriberThatTrustsTheGatewaysCa() throws Exception {
        try (FeedTestClient price = subscriber(FeedKind.PRICE); FeedTestClient news = subscriber(FeedKind.NEWS)) {
            price.send(ReplayRequest.liveOnly());
            news.send(ReplayRequest.liveOnly());

            assertThat(price.readData(PriceTick.class, 3)).hasSize(3);
            assertThat(news.readData(NewsTick.class, 1)).hasSize(1);
        }
    }

    @Test
    void shouldRefuseAPlaintextSubscriberOnBothFeedPortsAndCountIt() throws Exception {
        double before = handshakeFailures();

        assertThat(TlsClients.plaintextClosed(servers.port(FeedKind.PRICE))).as("price port closes a plaintext client").isTrue();
        assertThat(TlsClients.plaintextClosed(servers.port(FeedKind.NEWS))).as("news port closes a plaintext client").isTrue();

        awaitHandshakeFailures(before + 2);
    }

    @Test
    void shouldFailTheHandshakeOfASubscriberThatTrustsAnotherCaOnBothFeedPorts() {
        TestCertificates certificates = TestCertificates.inTarget();
        for (FeedKind feed : FeedKind.values()) {
            assertThatThrownBy(() -> TlsClients.handshake(certificates.trustOnly("other-ca"), servers.port(feed)).close())
                    .as(feed + " port").isInstanceOf(SSLException.class);
        }
    }

    @Test
    void shouldServeActuatorOverHttpsOnlyToAClientThatTrustsTheCa() throws Exception {
        TestCertificates certificates = TestCertificates.inTarget();
        HttpClient trusting = TlsClients.https(certificates.trustOnly("ca"));
        HttpResponse<String> health = TlsClients.get(trusting, "https://localhost:" + httpPort + "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);

        HttpClient other = TlsClients.https(certificates.trustOnly("other-ca"));
        assertThatThrownBy(() -> TlsClients.get(other, "https://localhost:" + httpPort + "/actuator/health"))
                .isInstanceOf(SSLException.class);
        assertThat(plainHttpStatus()).as("plain HTTP to the HTTPS port gets no answer of the endpoint").isNotEqualTo(200);
    }

    @Test
    void shouldNotStartWhenTheFeedsNameABundleThatDoesNotExist() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "trading.gateway.feeds.price-port=0", "trading.gateway.feeds.news-port=0",
                        "trading.gateway.feeds.tls.bundle=no-such-bundle")
                .run().close())
                .hasStackTraceContaining("trading.gateway.feeds.tls.bundle=no-such-bundle names no SSL bundle");
    }

    private FeedTestClient subscriber(FeedKind feed) throws IOException {
        return FeedTestClient.over(TlsClients.handshake(TestCertificates.inTarget().trustOnly("ca"), servers.port(feed)));
    }

    private int plainHttpStatus() throws InterruptedException {
        try {
            return TlsClients.get(HttpClient.newHttpClient(), "http://127.0.0.1:" + httpPort + "/actuator/health").statusCode();
        } catch (IOException e) {
            return -1;
        }
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
                .tag(TradingMetric.Tags.SERVICE, "gateway")
                .tag(TradingMetric.Tags.REASON, "TLS_HANDSHAKE")
                .counter().count();
    }
}
