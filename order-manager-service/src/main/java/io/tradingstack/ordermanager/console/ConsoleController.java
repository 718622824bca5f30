package io.tradingstack.ordermanager.console;

import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The web console's data: {@code GET /api/console/stream}, the live stream the page at {@code /}
 * listens to, and {@code GET /api/console/snapshot}, the same state once (for curl). Reads, so
 * open to anyone who may read the REST API; the kill switch on the page posts to
 * {@code /api/trading/*} with the operator's credentials like any other client.
 */
@RestController
@RequestMapping("/api/console")
class ConsoleController {

    private final ConsoleStream stream;
    private final DeskSnapshots snapshots;
    private final LatencyHistory latency;
    private final ServicePoller poller;
    private final Clock clock;

    ConsoleController(ConsoleStream stream, DeskSnapshots snapshots, LatencyHistory latency, ServicePoller poller,
            Clock consoleClock) {
        this.stream = stream;
        this.snapshots = snapshots;
        this.latency = latency;
        this.poller = poller;
        this.clock = consoleClock;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return stream.open();
    }

    /**
     * The desk and the latency chart's series, once. Asking for it keeps the other services polled
     * for the idle time, so a script that asks every few seconds sees them current.
     */
    @GetMapping("/snapshot")
    Once snapshot() {
        long now = clock.millis();
        poller.wanted(now);
        return new Once(snapshots.snapshot(now), latency.series());
    }

    record Once(DeskSnapshot desk, LatencyHistory.Series latency) {
    }
}
