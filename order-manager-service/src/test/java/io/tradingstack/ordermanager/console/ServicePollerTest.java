package io.tradingstack.ordermanager.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The console reads the other services only while someone watches, and forgets what it read when nobody does. */
class ServicePollerTest {

    @Test
    void shouldPollOnlyWhileWatchedAndForgetTheStateWhenNobodyWatches() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + closedPort());
        ServiceProbe gateway = new ServiceProbe(ServiceName.GATEWAY, nobody, HttpClient.newHttpClient(),
            JsonMapper.builder().build(), Duration.ofSeconds(5));
        LatencyHistory latency = new LatencyHistory(10_000, 100);
        ServicePoller poller = new ServicePoller(List.of(gateway), new SimpleMeterRegistry(), latency, 60_000);

        poller.pollIfWatched(1_000, false);
        assertThat(poller.services().get(0).status()).as("nobody watches: not read").isEqualTo("UNKNOWN");
        assertThat(latency.version()).isZero();

        poller.pollIfWatched(2_000, true);
        assertThat(poller.services().get(0).status()).as("a page is open").isEqualTo("DOWN");
        assertThat(poller.services().get(0).reason()).isEqualTo("unreachable: connection refused");
        assertThat(latency.version()).isEqualTo(1);

        poller.wanted(3_000);
        poller.pollIfWatched(62_000, false);
        assertThat(latency.version()).as("within a minute of the last snapshot asked for").isEqualTo(2);
        poller.pollIfWatched(63_001, false);
        assertThat(poller.services().get(0).status()).as("idle: the old state is forgotten").isEqualTo("UNKNOWN");
        assertThat(latency.version()).isEqualTo(2);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
