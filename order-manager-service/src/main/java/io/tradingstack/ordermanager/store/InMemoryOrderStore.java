package io.tradingstack.ordermanager.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders in memory: every append is committed at once. The index of the journaled store, which
 * appends here what its journal has made durable. Appends go to fixed-size chunks, so the
 * history grows without copying records; a reader sees a consistent prefix.
 *
 * <p>Publication: the engine thread stores the record in its chunk slot and then writes
 * {@link #count} (volatile, a release); a reader reads {@code count} first (an acquire) and then
 * only slots below it, so it sees those records whole. The chunk directory is published before
 * the count that needs it. The id index is a {@link ConcurrentHashMap} written by the engine
 * thread only, for lock-free lookups from REST threads.
 */
public final class InMemoryOrderStore implements OrderStore {

    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private final ConcurrentHashMap<String, OrderRecord> byClientOrderId = new ConcurrentHashMap<>();
    /** Volatile: replaced (grown) by the engine thread before the count that needs a new chunk. */
    private volatile OrderRecord[][] chunks = new OrderRecord[1][];
    /** Volatile: the release that publishes every slot below it. */
    private volatile int count;
    private long lastOrderId; // the appending thread only

    @Override
    public void append(OrderRecord record) {
        if (byClientOrderId.putIfAbsent(record.clientOrderId(), record) != null) {
            throw new IllegalStateException("clientOrderId=" + record.clientOrderId() + " is stored already");
        }
        int index = count; // plain enough: only this thread writes it
        if (index == Integer.MAX_VALUE) {
            throw new IllegalStateException("order store full: count=" + index);
        }
        int chunk = index >>> CHUNK_SHIFT;
        OrderRecord[][] directory = chunks;
        if (chunk == directory.length) {
            directory = Arrays.copyOf(directory, directory.length * 2);
            chunks = directory; // volatile: published before the count below
        }
        if (directory[chunk] == null) {
            directory[chunk] = new OrderRecord[CHUNK_SIZE];
        }
        directory[chunk][index & CHUNK_MASK] = record;
        lastOrderId = Math.max(lastOrderId, record.orderId());
        // release: pairs with the volatile read of count in latestFirst/count; publishes the slot above
        count = index + 1;
    }

    @Override
    public OrderRecord find(String clientOrderId) {
        return byClientOrderId.get(clientOrderId);
    }

    @Override
    public OrderPage latestFirst(int page, int size) {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page=" + page + ", size=" + size + ", need page >= 0 and size >= 1");
        }
        int total = count; // acquire: pairs with the release in append
        OrderRecord[][] directory = chunks;
        long newest = (long) total - 1 - (long) page * size;
        List<OrderRecord> items = new ArrayList<>((int) Math.max(0, Math.min(size, newest + 1)));
        for (long index = newest; index >= 0 && index > newest - size; index--) {
            int i = (int) index;
            items.add(directory[i >>> CHUNK_SHIFT][i & CHUNK_MASK]);
        }
        return new OrderPage(items, page, size, total);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long lastOrderId() {
        return lastOrderId;
    }
}
