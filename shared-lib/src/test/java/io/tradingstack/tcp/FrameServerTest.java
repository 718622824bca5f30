package io.tradingstack.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.ReplayRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * A frame server on a real port 0 in a Spring Integration context of its own per test, with a
 * small recording protocol on top: what every server of the stack gets from it whatever its
 * protocol.
 */
@Timeout(60)
class FrameServerTest {

    private static final String FACTORY = "testConnectionFactory";
    private static final long WAIT_SECONDS = 10;

    private AnnotationConfigApplicationContext context;
    private FrameServer<?> server;
    private RecordingHandler handler;
    private MeterRegistry registry;

    @AfterEach
    void stopServer() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldAnswerAConnectionOverTheCapWithTooManyConnectionsAndKeepTheOthers() throws Exception {
        start(2, Duration.ofSeconds(10));
        try (TcpTestClient first = connect(); TcpTestClient second = connect()) {
            awaitOpened(2);
            try (TcpTestClient third = TcpTestClient.connect(server.port())) {
                Message answer = third.readPresent();
                assertThat(answer).isInstanceOf(ErrorFrame.class);
                assertThat(((ErrorFrame) answer).reason()).isEqualTo("TOO_MANY_CONNECTIONS");
                assertThat(third.isClosedByServer()).isTrue();
            }
            assertThat(handler.opened).as("the refused connection never reaches the protocol").isEmpty();
            assertThat(server.openConnections()).isEqualTo(2);
            assertThat(invalidFrames("TOO_MANY_CONNECTIONS")).as("the refusal counted").isEqualTo(1);
            assertThat(replay(first, 7)).isEqualTo(7);
            assertThat(replay(second, 8)).isEqualTo(8);
        }
        assertThat(awaitClosed()).isNotNull();
        assertThat(awaitClosed()).isNotNull();
    }

    @Test
    void shouldAnswerAFrameThatDoesNotDecodeWithItsErrorThenCloseAndCountIt() throws Exception {
        start(10, Duration.ofSeconds(10));
        try (TcpTestClient client = connect()) {
            String id = awaitOpened(1);
            client.sendPayload("{\"type\":\"replay\",\"fromSeq\":");

            ErrorFrame error = client.read(ErrorFrame.class);
            assertThat(error.reason()).isEqualTo("MALFORMED_JSON");
            assertThat(client.isClosedByServer()).isTrue();
            assertThat(awaitClosed()).isEqualTo(id);
        }
        assertThat(invalidFrames("MALFORMED_JSON")).isEqualTo(1);
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void shouldCountAProtocolsOwnRefusalOnceAndCloseOnlyThatConnection() throws Exception {
        start(10, Duration.ofSeconds(10));
        try (TcpTestClient healthy = connect(); TcpTestClient client = connect()) {
            awaitOpened(2);
            client.send(new Heartbeat(1, 1, 1));

            assertThat(client.read(ErrorFrame.class).reason()).isEqualTo("UNEXPECTED_FRAME");
            assertThat(client.isClosedByServer()).isTrue();
            assertThat(awaitClosed()).isNotNull();
            assertThat(replay(healthy, 3)).isEqualTo(3);
        }
        assertThat(invalidFrames("UNEXPECTED_FRAME")).isEqualTo(1);
    }

    @Test
    void shouldCloseAConnectionWhoseFrameIsNotCompleteWithinTheReadTimeoutAndCountIt() throws Exception {
        start(10, Duration.ofMillis(500));
        try (TcpTestClient client = connect()) {
            String id = awaitOpened(1);
            client.sendRaw(new byte[] {0, 0}); // half a header, then nothing

            assertThat(client.isClosedByServer()).isTrue();
            assertThat(awaitClosed()).isEqualTo(id);
        }
        assertThat(invalidFrames("READ_TIMEOUT")).isEqualTo(1);
    }

    @Test
    void shouldKeepAnIdleConnectionOpenBeyondTheReadTimeout() throws Exception {
        start(10, Duration.ofMillis(500));
        try (TcpTestClient client = connect()) {
            awaitOpened(1);
            // Idle for longer than the read timeout, measured; then the next frame must be the
            // answer (a close would come first).
            long connected = System.nanoTime();
            while (System.nanoTime() - connected <= TimeUnit.MILLISECONDS.toNanos(800)) {
                Thread.sleep(50);
            }
            assertThat(replay(client, 5)).isEqualTo(5);
            assertThat(replay(client, 6)).isEqualTo(6);
        }
        assertThat(invalidFrames("READ_TIMEOUT")).isZero();
    }

    @Test
    void shouldReportTheConnectionAClientClosedToTheProtocolOnce() throws Exception {
        start(10, Duration.ofSeconds(10));
        String id;
        try (TcpTestClient client = connect()) {
            id = awaitOpened(1);
            assertThat(replay(client, 1)).isEqualTo(1);
        }
        assertThat(awaitClosed()).isEqualTo(id);
        assertThat(server.openConnections()).isZero();
        assertThat(handler.closed.poll(200, TimeUnit.MILLISECONDS)).as("a second onClose").isNull();
    }

    @Test
    void shouldReportAConnectionTheProtocolClosedWithinItsOpenToTheProtocolOnce() throws Exception {
        start(10, Duration.ofSeconds(10));
        handler.closeOnOpen = true;
        try (TcpTestClient client = connect()) {
            String id = awaitOpened(1);

            assertThat(client.isClosedByServer()).isTrue();
            assertThat(awaitClosed()).isEqualTo(id);
        }
        assertThat(server.openConnections()).isZero();
        assertThat(handler.closed.poll(200, TimeUnit.MILLISECONDS)).as("a second onClose").isNull();
    }

    @Test
    void shouldPublishEveryRefusalOfAFrameServerAtZeroBeforeTheFirstOne() throws Exception {
        start(10, Duration.ofSeconds(10));

        for (ServerRefusal refusal : ServerRefusal.values()) {
            assertThat(invalidFrames(refusal.name())).as(refusal.name()).isZero();
        }
    }

    @Test
    void shouldStopTheStartUpNamingThePortWhenAnotherProcessHoldsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> refresh(port, 10, Duration.ofSeconds(10)))
                    .hasRootCauseInstanceOf(BindException.class)
                    .satisfies(failure -> assertThat(portUnavailable(failure))
                            .as("the start-up failure names the server and the port")
                            .isNotNull()
                            .satisfies(cause -> {
                                assertThat(cause.port()).isEqualTo(port);
                                assertThat(cause.getMessage()).startsWith("server=test cannot listen on 127.0.0.1:" + port + ": ");
                            }));
        }
        assertThat(context.isActive()).as("the context did not start").isFalse();
    }

    private static PortUnavailableException portUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    private void start(int maxConnections, Duration readTimeout) throws InterruptedException {
        refresh(0, maxConnections, readTimeout);
        handler = context.getBean(RecordingHandler.class);
        registry = context.getBean(MeterRegistry.class);
        assertThat(server.awaitListening(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
    }

    private void refresh(int port, int maxConnections, Duration readTimeout) {
        context = new AnnotationConfigApplicationContext();
        context.registerBean(FrameServerSettings.class,
                () -> new FrameServerSettings("test", "127.0.0.1", port, 4096, maxConnections, readTimeout));
        context.register(ServerConfiguration.class);
        context.refresh();
        server = context.getBean(FrameServer.class);
    }

    private TcpTestClient connect() throws Exception {
        return TcpTestClient.connect(server.port());
    }

    /** Waits for {@code count} connections to be opened to the protocol; the id of the last. */
    private String awaitOpened(int count) throws InterruptedException {
        String id = null;
        for (int i = 0; i < count; i++) {
            id = handler.opened.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(id).as("connection %d opened", i + 1).isNotNull();
        }
        return id;
    }

    private String awaitClosed() throws InterruptedException {
        return handler.closed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The recording protocol answers a replay with a heartbeat carrying its fromSeq. */
    private static long replay(TcpTestClient client, long fromSeq) throws Exception {
        client.send(new ReplayRequest(fromSeq, 1));
        return client.read(Heartbeat.class).seq();
    }

    private double invalidFrames(String reason) {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
                .tag(TradingMetric.Tags.SERVICE, "test")
                .tag(TradingMetric.Tags.REASON, reason)
                .counter().count();
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
            return new InvalidFrames(registry, "test", List.of("UNEXPECTED_FRAME", ServerRefusal.READ_TIMEOUT.name()));
        }

        @Bean(FACTORY)
        TcpNetServerConnectionFactorySpec testConnectionFactory(FrameServerSettings settings, InvalidFrames invalidFrames) {
            return FrameServer.connectionFactory(FACTORY, settings, invalidFrames);
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
        IntegrationFlow testInboundFlow(FrameServer<RecordingHandler.Session> server) {
            return FrameFlows.inbound(server, "testInboundAdapter", "testFrameHandler", "testInboundErrors");
        }

        @Bean
        IntegrationFlow testInboundErrorFlow() {
            return FrameFlows.inboundErrors("testInboundErrors", "testInboundErrorHandler", "test");
        }
    }
}
