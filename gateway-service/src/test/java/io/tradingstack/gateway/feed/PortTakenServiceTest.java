package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.tradingstack.gateway.GatewayApplication;
import io.tradingstack.tcp.PortUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A feed port that another process holds stops the gateway's start-up with the port and what to
 * do, rather than a gateway that looks started and has no price feed (the connection factory
 * binds on a thread of its own, and on its own would only log the failure).
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class PortTakenServiceTest {

    @Test
    void shouldRefuseToStartWhenThePriceFeedPortIsTakenAndSayWhichAndWhatToDo(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0",
                    "--trading.gateway.feeds.price-port=" + port,
                    "--trading.gateway.feeds.news-port=0",
                    "--trading.gateway.market.ticks-per-second=0",
                    "--trading.gateway.news.per-second=0"))
                    .hasStackTraceContaining(PortUnavailableException.class.getName());

            assertThat(output.getOut() + output.getErr())
                    .contains("APPLICATION FAILED TO START")
                    .contains("server=feed-price cannot listen on 127.0.0.1:" + port + ": Address already in use")
                    .contains("ss -ltnp 'sport = :" + port + "'");
        }
    }
}
