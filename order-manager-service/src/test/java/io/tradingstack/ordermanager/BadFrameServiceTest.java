package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Side;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protocol violations: each gets an {@code error} frame naming its reason, a closed connection
 * and a count in trading.frames.invalid, while a healthy connection opened before goes on
 * trading.
 */
class BadFrameServiceTest extends OrderManagerServiceTest {

    private OrderTestClient healthy;

    @BeforeEach
    void connectHealthyClient() throws Exception {
        healthy = connect();
        assertThat(healthy.order(market("healthy", "AAPL", Side.BUY, 1)).status()).isEqualTo(ExecutionStatus.FILLED);
    }

    @AfterEach
    void healthyClientUnaffected() throws Exception {
        try (OrderTestClient client = healthy) {
            assertThat(client.order(market("healthy", "AAPL", Side.SELL, 1)).status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldAnswerMalformedJsonWithAnErrorCloseAndCount() throws Exception {
        assertRefused("MALFORMED_JSON", client -> client.sendPayload("{\"type\":\"order\",\"clientOrderId\":"));
    }

    @Test
    void shouldAnswerAnOrderWithoutARequiredFieldWithAnError() throws Exception {
        assertRefused("MISSING_FIELD", client -> client.sendPayload(
            "{\"type\":\"order\",\"clientOrderId\":\"no-symbol\",\"strategyId\":\"bad\",\"side\":\"BUY\",\"quantity\":1}"));
    }

    @Test
    void shouldAnswerAQuantityOfTheWrongJsonTypeWithAnError() throws Exception {
        assertRefused("WRONG_FIELD_TYPE", client -> client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"q\","
            + "\"strategyId\":\"bad\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":\"10\"}"));
    }

    @Test
    void shouldAnswerAFrameTooLargeWithAnError() throws Exception {
        assertRefused("FRAME_TOO_LARGE", client -> client.sendRaw("not a frame at all".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldAnswerAServersMessageTypeAsUnexpected() throws Exception {
        assertRefused("UNEXPECTED_FRAME", client -> client.send(Execution.rejected("x", 1, "NOPE", 1)));
    }

    @Test
    void shouldAnswerASecondLogonAsUnexpected() throws Exception {
        assertRefused("UNEXPECTED_FRAME", client -> {
            client.send(new Logon("bad", ""));
            client.send(new Logon("bad", ""));
        });
    }

    @Test
    void shouldAnswerALogonAfterAnOrderAsUnexpected() throws Exception {
        try (OrderTestClient client = connect()) {
            assertThat(client.order(market("late-logon", "AAPL", Side.BUY, 1)).status()).isEqualTo(ExecutionStatus.FILLED);
            client.send(new Logon("late-logon", ""));
            ErrorFrame error = client.readError();
            assertThat(error.reason()).isEqualTo("UNEXPECTED_FRAME");
            assertThat(error.detail()).isEqualTo("a logon must be the first frame");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldCloseAConnectionWhoseFrameDoesNotCompleteWithinTheReadTimeout() throws Exception {
        double before = counter("trading.frames.invalid", "reason", "READ_TIMEOUT");
        try (OrderTestClient client = connect()) {
            client.sendRaw(new byte[] {0, 0}); // half a header, then nothing: the read timeout is 500 ms
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(counter("trading.frames.invalid", "reason", "READ_TIMEOUT")).isEqualTo(before + 1);
    }

    @Test
    void shouldKeepAnIdleConnectionOpenBeyondTheReadTimeout() throws Exception {
        try (OrderTestClient client = connect()) {
            // Idle for longer than the 500 ms read timeout, measured; then the next frame must be
            // the order's answer (a close or an error frame would come first).
            long connected = System.nanoTime();
            while (System.nanoTime() - connected <= TimeUnit.MILLISECONDS.toNanos(800)) {
                Thread.sleep(50);
            }
            Order order = market("idle", "AAPL", Side.BUY, 1);
            Execution execution = client.order(order);
            assertThat(execution.clientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    private interface ClientAction {
        void run(OrderTestClient client) throws Exception;
    }

    private void assertRefused(String reason, ClientAction action) throws Exception {
        double before = counter("trading.frames.invalid", "service", "order-manager", "reason", reason);
        try (OrderTestClient client = connect()) {
            action.run(client);
            ErrorFrame error = client.readError();
            assertThat(error.reason()).isEqualTo(reason);
            assertThat(error.detail()).isNotEmpty();
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(counter("trading.frames.invalid", "service", "order-manager", "reason", reason)).isEqualTo(before + 1);
    }
}
