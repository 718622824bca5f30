package io.tradingstack.ordermanager.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OrderRecordCodecTest {

    private static final long T0 = 1_732_492_800_123_456_789L;

    private final OrderRecordCodec codec = new OrderRecordCodec();

    static OrderRecord filled(String clientOrderId, long orderId) {
        Order order = new Order(clientOrderId, "momentum-1", "GOOGL", Side.BUY, 100, Prices.NONE, T0 - 50_000);
        return new OrderRecord(order, Execution.filled(clientOrderId, orderId, 100, Prices.parse("141.79"), T0 + 35_000), T0);
    }

    static OrderRecord rejected(String clientOrderId, long orderId) {
        Order order = new Order(clientOrderId, "mean-reversion", "MSFT", Side.SELL, 7, Prices.parse("401.12345678"), 0);
        return new OrderRecord(order, Execution.rejected(clientOrderId, orderId, "NOT_MARKETABLE", T0 + 1), T0);
    }

    @Test
    void shouldRoundTripFilledAndRejectedOrdersWithEveryField() {
        for (OrderRecord record : new OrderRecord[] {filled("c-1", 1), rejected("c-2", Long.MAX_VALUE)}) {
            int length = codec.encode(record);

            assertThat(new OrderRecordCodec().decode(codec.buffer(), 0, length)).isEqualTo(record);
        }
    }

    @Test
    void shouldRoundTripAFenceWithTheCancelInPlaceOfTheOrder() {
        OrderRecord fence = OrderRecord.fence(new Cancel("c-5", "momentum-1"),
            Execution.rejected("c-5", 5, "CANCELLED", T0 + 2), T0);
        int length = codec.encode(fence);

        OrderRecord decoded = new OrderRecordCodec().decode(codec.buffer(), 0, length);

        assertThat(decoded).isEqualTo(fence);
        assertThat(decoded.isFence()).isTrue();
        assertThat(decoded.strategyId()).isEqualTo("momentum-1");
    }

    @Test
    void shouldRefuseAFenceWhoseExecutionIsForAnotherOrder() {
        int length = codec.encode(OrderRecord.fence(new Cancel("c-6", "s"), Execution.rejected("c-7", 6, "CANCELLED", T0), T0));

        assertThatThrownBy(() -> codec.decode(codec.buffer(), 0, length)).hasMessageContaining("clientOrderId=c-6");
    }

    @Test
    void shouldDecodeAPayloadInTheMiddleOfABuffer() {
        OrderRecord record = filled("c-3", 3);
        int length = codec.encode(record);
        byte[] framed = new byte[length + 20];
        System.arraycopy(codec.buffer(), 0, framed, 12, length);

        assertThat(codec.decode(framed, 12, length)).isEqualTo(record);
    }

    @Test
    void shouldRefuseAnotherVersionOrAPayloadThatIsNoOrderRecord() {
        int length = codec.encode(filled("c-4", 4));
        byte[] payload = Arrays.copyOf(codec.buffer(), length);

        byte[] otherVersion = payload.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> codec.decode(otherVersion, 0, length)).hasMessageContaining("version 2");

        byte[] badLength = payload.clone();
        badLength[12] = (byte) 0xFF;
        assertThatThrownBy(() -> codec.decode(badLength, 0, length)).isInstanceOf(IllegalArgumentException.class);

        assertThatThrownBy(() -> codec.decode(payload, 0, 10)).isInstanceOf(IllegalArgumentException.class);

        byte[] badJson = payload.clone();
        badJson[13] = '[';
        assertThatThrownBy(() -> codec.decode(badJson, 0, length)).hasMessageContaining("does not decode");
    }

    @Test
    void shouldRoundTripAnOrderIdReservationAndTellItFromAnOrderRecord() {
        OrderRecordCodec codec = new OrderRecordCodec();
        int length = codec.encodeReservation(1_234_567_890_123L);
        byte[] bytes = java.util.Arrays.copyOf(codec.buffer(), length);

        assertThat(OrderRecordCodec.isReservation(bytes, 0, length)).isTrue();
        assertThat(OrderRecordCodec.reservedUpTo(bytes, 0, length)).isEqualTo(1_234_567_890_123L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OrderRecordCodec.reservedUpTo(bytes, 0, length - 1))
            .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(bytes, 0, length))
            .as("a reservation is no order record").isInstanceOf(IllegalArgumentException.class);
    }
}
