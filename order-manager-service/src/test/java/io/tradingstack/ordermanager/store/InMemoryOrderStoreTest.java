package io.tradingstack.ordermanager.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class InMemoryOrderStoreTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();

    @Test
    void shouldPageLatestFirst() {
        for (int i = 1; i <= 7; i++) {
            store.append(record(i));
        }

        assertThat(orderIds(store.latestFirst(0, 3))).containsExactly(7L, 6L, 5L);
        assertThat(orderIds(store.latestFirst(1, 3))).containsExactly(4L, 3L, 2L);
        assertThat(orderIds(store.latestFirst(2, 3))).containsExactly(1L);
        assertThat(store.latestFirst(3, 3).items()).isEmpty();
        OrderPage page = store.latestFirst(1, 3);
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.size()).isEqualTo(3);
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void shouldPageAcrossChunksAndFindEveryOrder() {
        int count = 10_000; // more than two chunks of 4,096
        for (int i = 1; i <= count; i++) {
            store.append(record(i));
        }

        assertThat(store.count()).isEqualTo(count);
        assertThat(orderIds(store.latestFirst(0, 500)).get(0)).isEqualTo(count);
        List<Long> around = orderIds(store.latestFirst(11, 500)); // 4,500..4,001, over a chunk boundary
        assertThat(around.get(0)).isEqualTo(4_500L);
        assertThat(around.get(499)).isEqualTo(4_001L);
        assertThat(store.find("id-4097").orderId()).isEqualTo(4_097);
        assertThat(store.find("id-0")).isNull();
    }

    @Test
    void shouldRefuseAClientOrderIdStoredAlready() {
        store.append(record(1));
        assertThatThrownBy(() -> store.append(record(1))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("id-1");
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldLetAReaderSeeAConsistentPrefixWhileTheEngineAppends() throws Exception {
        int count = 200_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long lastTotal = 0;
                while (lastTotal < count) {
                    OrderPage page = store.latestFirst(0, 50);
                    assertThat(page.total()).isGreaterThanOrEqualTo(lastTotal);
                    long expected = page.total();
                    for (OrderRecord record : page.items()) {
                        assertThat(record).isNotNull();
                        assertThat(record.orderId()).isEqualTo(expected--);
                    }
                    lastTotal = page.total();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "store-reader");
        reader.start();
        for (int i = 1; i <= count; i++) {
            store.append(record(i));
        }
        reader.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
    }

    private static List<Long> orderIds(OrderPage page) {
        return page.items().stream().map(OrderRecord::orderId).toList();
    }

    private static OrderRecord record(long orderId) {
        String id = "id-" + orderId;
        Order order = new Order(id, "s1", "AAPL", Side.BUY, 1, Prices.NONE, 0);
        return new OrderRecord(order, Execution.filled(id, orderId, 1, Prices.parse("100"), orderId), orderId);
    }
}
