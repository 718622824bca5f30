package io.tradingstack.ordermanager.console;

import io.tradingstack.ordermanager.api.OrderItem;
import io.tradingstack.ordermanager.store.OrderStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's one Server-Sent Events stream, shared by every open page. Three events:
 * {@code snapshot} (a {@link DeskSnapshot}, every snapshot interval), {@code orders} (the orders
 * decided since the last look, latest first, every orders interval when there are any) and
 * {@code latency} (the chart's series, when a poll added a point). Each event is serialized once
 * and written to every page; a page that went away is dropped at its next failed write. Nothing
 * is logged per event. The publishing methods run on the console's publisher thread only.
 */
final class ConsoleStream {

    private static final Logger log = LoggerFactory.getLogger(ConsoleStream.class);

    /** The {@code orders} event: the newest orders first, and how many are stored. */
    record OrdersEvent(List<OrderItem> items, long total) {
    }

    private final DeskSnapshots snapshots;
    private final OrderStore store;
    private final LatencyHistory latency;
    private final JsonMapper json;
    private final Clock clock;
    private final int recentOrders;
    private final long timeoutMillis;
    private final List<SseEmitter> pages = new CopyOnWriteArrayList<>();
    private long ordersSent = -1;
    private long latencySent = -1;

    ConsoleStream(DeskSnapshots snapshots, OrderStore store, LatencyHistory latency, JsonMapper json, Clock clock,
            int recentOrders, long timeoutMillis) {
        this.snapshots = snapshots;
        this.store = store;
        this.latency = latency;
        this.json = json;
        this.clock = clock;
        this.recentOrders = recentOrders;
        this.timeoutMillis = timeoutMillis;
    }

    /** A new page: it gets the current state at once, then every event. */
    SseEmitter open() {
        SseEmitter page = new SseEmitter(timeoutMillis);
        page.onCompletion(() -> pages.remove(page));
        page.onTimeout(() -> pages.remove(page));
        page.onError(failure -> pages.remove(page));
        try {
            page.send(event("snapshot", snapshots.snapshot(clock.millis())));
            page.send(event("latency", latency.series()));
            page.send(event("orders", recent(recentOrders)));
        } catch (IOException e) {
            page.completeWithError(e);
            return page;
        }
        pages.add(page);
        log.debug("Console page opened, {} open", pages.size());
        return page;
    }

    int openPages() {
        return pages.size();
    }

    void publishSnapshot() {
        if (!pages.isEmpty()) {
            broadcast(event("snapshot", snapshots.snapshot(clock.millis())));
        }
    }

    void publishOrders() {
        long total = store.count();
        if (ordersSent < 0) {
            ordersSent = total; // a page that opens is sent the recent orders itself
        } else if (total > ordersSent) {
            int fresh = (int) Math.min(total - ordersSent, recentOrders);
            ordersSent = total;
            if (!pages.isEmpty()) {
                broadcast(event("orders", recent(fresh)));
            }
        }
    }

    void publishLatency() {
        long version = latency.version();
        if (version != latencySent) {
            latencySent = version;
            if (!pages.isEmpty()) {
                broadcast(event("latency", latency.series()));
            }
        }
    }

    /** Closes every page: the order manager is stopping, and EventSource would reconnect to the next one. */
    void closeAll() {
        for (SseEmitter page : pages) {
            page.complete();
        }
        pages.clear();
    }

    private OrdersEvent recent(int size) {
        return new OrdersEvent(store.latestFirst(0, size).items().stream().map(OrderItem::of).toList(), store.count());
    }

    /** Built once and written to every page (a builder appends to itself on each build: never reuse one). */
    private Set<ResponseBodyEmitter.DataWithMediaType> event(String name, Object data) {
        return SseEmitter.event().name(name).data(json.writeValueAsString(data)).build();
    }

    private void broadcast(Set<ResponseBodyEmitter.DataWithMediaType> event) {
        for (SseEmitter page : pages) {
            try {
                page.send(event);
            } catch (IOException | IllegalStateException e) {
                // The browser went away (a closed tab is the common case): drop it, no stack trace.
                pages.remove(page);
                log.debug("Console page dropped: {}", e.toString());
            }
        }
    }
}
