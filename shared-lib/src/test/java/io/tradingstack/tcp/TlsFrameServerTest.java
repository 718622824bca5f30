package io.tradingstack.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.WireTestClient;
import io.tradingstack.tls.ClientAuth;
import io.tradingstack.tls.ServerTls;
import io.tradingstack.tls.TestCertificates;
import io.tradingstack.tls.TlsClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * A frame server listening with TLS, on a real port 0, with the recording protocol on top: a
 * client that trusts the test CA talks frames; a plaintext client, a client that trusts another
 * CA and, when client certificates are required, a client without one or with one of another CA
 * are closed during the handshake, counted as {@code TLS_HANDSHAKE}, and never reach the protocol.
 */
@Timeout(60)
class TlsFrameServerTest {

    private static final String FACTORY = "tlsConnectionFactory";
    private static final long WAIT_SECONDS = 10;
    private static final int CLIENT_TIMEOUT_MILLIS = WireTestClient.READ_TIMEOUT_MILLIS;

    @TempDir
    static Path certificatesDirectory;

    private static TestCertificates certificates;

    private AnnotationConfigApplicationContext context;
    private FrameServer<?> server;
    private RecordingHandler handler;
    private MeterRegistry registry;

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.make(certificatesDirectory);
    }

    @AfterEach
    void stopServer() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldServeFramesToAClientThatTrustsTheServersCa() throws Exception {
        start(ClientAuth.NONE);
        try (TlsClient client = TlsClient.connect(certificates.trustOnly("ca"), server.port())) {
            awaitOpened();
            assertThat(client.replay(42)).isEqualTo(42);
        }
        assertThat(handshakeFailures()).isZero();
    }

    @Test
    void shouldCloseAPlaintextClientDuringTheHandshakeAndCountIt() throws Exception {
        start(ClientAuth.NONE);
        assertThat(TlsClients.plaintextClosed(server.port())).as("the server closed a plaintext client, no frame sent").isTrue();
        awaitHandshakeFailures(1);
        assertThat(handler.opened).as("a failed handshake never reaches the protocol").isEmpty();
        assertThat(server.openConnections()).isZero();
        // The port serves the next client as before.
        try (TlsClient client = TlsClient.connect(certificates.trustOnly("ca"), server.port())) {
            assertThat(client.replay(7)).isEqualTo(7);
        }
    }

    @Test
    void shouldFailTheHandshakeOfAClientThatTrustsAnotherCa() throws Exception {
        start(ClientAuth.NONE);
        SSLSocket socket = TestCertificates.socket(certificates.trustOnly("other-ca"), server.port(), CLIENT_TIMEOUT_MILLIS);
        try (socket) {
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
        awaitHandshakeFailures(1);
        assertThat(handler.opened).isEmpty();
    }

    @Test
    void shouldCloseAClientWithoutACertificateWhenClientCertificatesAreRequired() throws Exception {
        start(ClientAuth.NEED);
        assertRefused(certificates.trustOnly("ca"));
        awaitHandshakeFailures(1);
        assertThat(handler.opened).isEmpty();
    }

    @Test
    void shouldCloseAClientWhoseCertificateAnotherCaIssuedWhenClientCertificatesAreRequired() throws Exception {
        start(ClientAuth.NEED);
        assertRefused(certificates.keyAndTrust("other-client", "ca"));
        awaitHandshakeFailures(1);
        assertThat(handler.opened).isEmpty();
    }

    @Test
    void shouldServeAClientWithACertificateOfTheTrustedCaWhenClientCertificatesAreRequired() throws Exception {
        start(ClientAuth.NEED);
        try (TlsClient client = TlsClient.connect(certificates.keyAndTrust("strategy-client", "ca"), server.port())) {
            awaitOpened();
            assertThat(client.replay(3)).isEqualTo(3);
        }
        assertThat(handshakeFailures()).isZero();
    }

    /** A client the server must refuse, in its handshake or (TLS 1.3 judges the client's certificate last) right after it. */
    private void assertRefused(SslBundle clientBundle) throws IOException {
        assertThat(TlsClients.refused(clientBundle, server.port())).as("the server refused the client").isTrue();
    }

    private void start(ClientAuth clientAuth) throws InterruptedException {
        context = new AnnotationConfigApplicationContext();
        context.registerBean(FrameServerSettings.class,
                () -> new FrameServerSettings("tls-test", "127.0.0.1", 0, 4096, 10, Duration.ofSeconds(10)));
        context.registerBean(ServerTls.class, () -> new ServerTls(certificates.keyAndTrust("gateway", "ca"), clientAuth));
        context.register(ServerConfiguration.class);
        context.refresh();
        server = context.getBean(FrameServer.class);
        handler = context.getBean(RecordingHandler.class);
        registry = context.getBean(MeterRegistry.class);
        assertThat(server.awaitListening(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
    }

    private void awaitOpened() throws InterruptedException {
        assertThat(handler.opened.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("a connection opened").isNotNull();
    }

    private void awaitHandshakeFailures(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (handshakeFailures() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertThat(handshakeFailures()).isEqualTo(count);
    }

    private double handshakeFailures() {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
                .tag(TradingMetric.Tags.SERVICE, "test")
                .tag(TradingMetric.Tags.REASON, ServerRefusal.TLS_HANDSHAKE.name())
                .counter().count();
    }

    /** A frame client over a TLS socket that checks the server's name. */
    private static final class TlsClient extends WireTestClient {

        private TlsClient(SSLSocket socket) throws IOException {
            super(socket, "the TLS frame server");
        }

        static TlsClient connect(SslBundle bundle, int port) throws IOException {
            SSLSocket socket = TestCertificates.socket(bundle, port, CLIENT_TIMEOUT_MILLIS);
            socket.startHandshake();
            return new TlsClient(socket);
        }

        long replay(long fromSeq) throws IOException {
            send(new ReplayRequest(fromSeq, 1));
            return read(Heartbeat.class).seq();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class ServerConfiguration {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        InvalidFrames invalidFrames(MeterRegistry registry) {
            return new InvalidFrames(registry, "test", List.of(ServerRefusal.TLS_HANDSHAKE.name()));
        }

        @Bean(FACTORY)
        TcpNetServerConnectionFactorySpec tlsConnectionFactory(FrameServerSettings settings, InvalidFrames invalidFrames,
                ServerTls tls) {
            return FrameServer.connectionFactory(FACTORY, settings, invalidFrames, tls);
        }

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

        @Bean
        FrameServer<RecordingHandler.Session> frameServer(FrameServerSettings settings,
                @Qualifier(FACTORY) TcpNetServerConnectionFactory factory, RecordingHandler handler,
                InvalidFrames invalidFrames) {
            return new FrameServer<>(settings, factory, handler, invalidFrames);
        }

        @Bean
        IntegrationFlow tlsInboundFlow(FrameServer<RecordingHandler.Session> server) {
            return FrameFlows.inbound(server, "tlsInboundAdapter", "tlsFrameHandler", "tlsInboundErrors");
        }

        @Bean
        IntegrationFlow tlsInboundErrorFlow() {
            return FrameFlows.inboundErrors("tlsInboundErrors", "tlsInboundErrorHandler", "test");
        }
    }
}
