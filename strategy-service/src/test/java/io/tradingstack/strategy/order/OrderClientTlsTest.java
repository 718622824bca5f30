package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.strategy.FakeOrderManager;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.tls.ClientTls;
import io.tradingstack.tls.ClientTlsProperties;
import io.tradingstack.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.util.unit.DataSize;

/**
 * One order client with TLS against a fake order manager whose order port listens with TLS and
 * requires client certificates, its certificate from the test CA: with the strategy's client
 * certificate the order fills; with trust in another CA, or without a certificate, no order is
 * ever received and the client says why.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrderClientTlsTest {

    @TempDir
    static Path certificatesDirectory;

    private static TestCertificates certificates;

    private final BlockingQueue<OrderOutcome> outcomes = new LinkedBlockingQueue<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeOrderManager orderManager;
    private AnnotationConfigApplicationContext context;
    private OrderClients clients;
    private OrderClient client;

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.make(certificatesDirectory);
    }

    @AfterEach
    void stop() throws Exception {
        if (clients != null) {
            clients.stop();
        }
        if (context != null) {
            context.close();
        }
        if (orderManager != null) {
            orderManager.close();
        }
    }

    @Test
    void shouldFillAnOrderOverTlsWithTheStrategysClientCertificate() throws Exception {
        startOrderManager();
        client = start(certificates.keyAndTrust("strategy-client", "ca"));
        Order order = new Order("momentum-1-tls-1", "momentum-1", "AAPL", Side.BUY, 100, Prices.NONE, 1);

        assertThat(client.submit(order)).isTrue();

        OrderOutcome outcome = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(outcome).as("an outcome within 10 s").isNotNull();
        assertThat(outcome.isFilled()).isTrue();
        assertThat(orderManager.nextOrder(0)).isNotNull();
    }

    @Test
    void shouldNotConnectToAnOrderManagerWhoseCertificateAnotherCaIssued() throws Exception {
        startOrderManager();
        client = start(certificates.keyAndTrust("strategy-client", "other-ca"));

        awaitProblem("certification path");
        assertThat(client.status().connected()).isFalse();
        assertThat(orderManager.nextOrder(0)).isNull();
    }

    @Test
    void shouldHaveNoOrderReceivedWithoutAClientCertificate() throws Exception {
        startOrderManager();
        client = start(certificates.trustOnly("ca"));
        Order order = new Order("momentum-1-tls-2", "momentum-1", "AAPL", Side.BUY, 100, Prices.NONE, 1);

        client.submit(order);

        // The order manager refuses every connection in its handshake, so the client connects
        // again and again (the event waited for), and the order never arrives. Not the client's
        // last problem: under TLS 1.3 the client's side of each handshake completes before the
        // order manager refuses it, so each retry looks connected for a moment and clears it.
        awaitConnectionsAccepted(3);
        assertThat(orderManager.nextOrder(2_000)).as("an order over a connection the order manager refused").isNull();
    }

    private void awaitConnectionsAccepted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (orderManager.connectionsAccepted() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        if (orderManager.connectionsAccepted() < count) {
            // Where each side waits says why (it found the fake's client-certificate flag set too late once).
            System.out.println("OrderClientTlsTest: the client's threads after " + orderManager.connectionsAccepted()
                + " connection(s)\n" + threadDump());
        }
        assertThat(orderManager.connectionsAccepted()).as("connections the order manager accepted and refused")
            .isGreaterThanOrEqualTo(count);
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }

    private void startOrderManager() throws Exception {
        SslBundle server = certificates.keyAndTrust("order-manager", "ca");
        orderManager = new FakeOrderManager(null,
            FakeOrderManager.requiringClientCertificates(server.createSslContext().getServerSocketFactory()));
    }

    /**
     * Waits until the client's last problem contains {@code text}, any problem for "": 30 s, which
     * only a failing test waits out (a loaded machine has taken over 10 s for a connect and its handshake).
     */
    private void awaitProblem(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            String problem = client.status().lastError();
            if (problem != null && !problem.isEmpty() && problem.contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        assertThat(client.status().lastError()).as("the client's last problem").isNotEmpty().contains(text);
    }

    private OrderClient start(SslBundle bundle) {
        Duration generous = Duration.ofSeconds(10);
        StrategyProperties.OrderManager settings = new StrategyProperties.OrderManager("127.0.0.1", orderManager.port(),
            generous, generous, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200), DataSize.ofKilobytes(64),
            ClientTlsProperties.off());
        context = new AnnotationConfigApplicationContext(OrderClientTest.IntegrationContext.class);
        OrderClient started = new OrderClient("momentum-1", "", settings, outcomes::put, new UnsettledOrders(registry), registry,
            context.getBean(IntegrationFlowContext.class), new ClientTls(bundle, Duration.ofSeconds(2)));
        clients = new OrderClients(List.of(started));
        context.addApplicationListener(clients);
        clients.start();
        return started;
    }
}
