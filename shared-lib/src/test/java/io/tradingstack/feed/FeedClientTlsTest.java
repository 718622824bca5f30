package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.tls.ClientTls;
import io.tradingstack.tls.TestCertificates;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.SslBundle;

/**
 * A feed client with TLS against a gateway port that listens with TLS, the gateway's certificate
 * issued by the test CA for localhost and 127.0.0.1: a client that trusts that CA subscribes and
 * receives; one that trusts another CA never gets a connection (its handshake fails at connect,
 * which it reports as its reason and retries), and so does one shown a certificate of the
 * trusted CA issued for another host.
 */
@Timeout(60)
class FeedClientTlsTest {

    private static final long SESSION = 7;

    @TempDir
    static Path certificatesDirectory;

    private static TestCertificates certificates;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private FakeGateway gateway;
    private FeedClient client;

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.make(certificatesDirectory);
    }

    @BeforeEach
    void startGateway() throws Exception {
        startGateway("gateway");
    }

    private void startGateway(String certificate) throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        SslBundle gatewayBundle = certificates.keyAndTrust(certificate, "ca");
        gateway = new FakeGateway(gatewayBundle.createSslContext().getServerSocketFactory());
    }

    @AfterEach
    void stopAll() throws Exception {
        if (client != null) {
            client.stop();
        }
        gateway.close();
    }

    @Test
    void shouldSubscribeAndReceiveOverTlsWhenItTrustsTheGatewaysCa() throws Exception {
        start(certificates.trustOnly("ca"));

        FakeGateway.Connection connection = gateway.accept();
        assertThat(connection.replay()).isEqualTo(ReplayRequest.liveOnly());
        assertThat(listener.nextConnected()).isEqualTo(ReplayRequest.liveOnly());
        connection.send(new PriceTick(SESSION, 1, "AAPL", 100_00000000L, 100_02000000L, 1),
                new PriceTick(SESSION, 2, "AAPL", 100_01000000L, 100_03000000L, 2));

        assertThat(listener.nextPriceSeqs(2)).containsExactly(1, 2);
        assertThat(client.status().connected()).isTrue();
    }

    @Test
    void shouldCloseASilentTlsConnectionFromItsReadingThread() throws Exception {
        long opened = System.nanoTime(); // before the client can connect, so its silence starts later
        start(certificates.trustOnly("ca"), Duration.ofSeconds(1));
        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();

        // Nothing after the handshake and the replay: the read blocks until the silence check closes the socket under it.
        assertThat(listener.nextDisconnected()).contains("no frame for 3000 ms");
        assertThat(System.nanoTime() - opened).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(3));
        connection.awaitClosedByClient();
        assertThat(listener.threads()).extracting(Thread::getName).containsOnly("feed-price");
    }

    @Test
    void shouldNotConnectWhenTheGatewaysCertificateIsOfAnotherCa() throws Exception {
        start(certificates.trustOnly("other-ca"));

        // The gateway sees the attempt fail in the handshake: the client refused its certificate.
        // Its alert, or its close when the gateway is still writing its part (a broken pipe).
        assertThatThrownBy(gateway::accept).isInstanceOfAny(SSLException.class, SocketException.class);
        awaitReason("certification path");
        FeedStatus status = client.status();
        assertThat(status.connected()).isFalse();
        assertThat(status.reason()).contains("cannot connect", "certification path");
        assertThat(listener.threads()).as("no listener callback: it never connected").isEmpty();
    }

    @Test
    void shouldNotConnectWhenTheGatewaysCertificateIsForAnotherHost() throws Exception {
        startGateway("wrong-name"); // the test CA's, for elsewhere.invalid only
        start(certificates.trustOnly("ca"));

        assertThatThrownBy(gateway::accept).isInstanceOfAny(SSLException.class, SocketException.class);
        awaitReason("127.0.0.1");
        assertThat(client.status().connected()).isFalse();
        assertThat(client.status().reason()).contains("cannot connect", "No subject alternative names matching IP address 127.0.0.1");
    }

    private void awaitReason(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.status().reason().contains(text) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
    }

    private void start(SslBundle trust) {
        start(trust, Duration.ofSeconds(30));
    }

    private void start(SslBundle trust, Duration heartbeatInterval) {
        FeedClientConfig config = new FeedClientConfig("127.0.0.1", gateway.port(), heartbeatInterval, 3,
                Duration.ofMillis(20), Duration.ofMillis(200), Framing.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(2));
        client = new FeedClient(Feed.PRICE, "test", config, listener, registry, new ClientTls(trust, Duration.ofSeconds(2)));
        client.start();
    }
}
