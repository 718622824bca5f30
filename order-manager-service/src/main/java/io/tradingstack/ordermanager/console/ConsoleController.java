package io.tradingstack.ordermanager.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "console", description = "The web console's data: the desk, the services' health and the latency chart")
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
    @Operation(summary = "The console's live stream (Server-Sent Events): snapshot, orders and latency events")
    @ApiResponse(responseCode = "200", description = "the current state at once, then a snapshot every 500 ms, new orders"
        + " as they are stored and a latency point when one is added", content = @Content(
        mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, examples = @ExampleObject(name = "three events",
        value = ConsoleExamples.STREAM)))
    SseEmitter stream() {
        return stream.open();
    }

    /**
     * The desk and the latency chart's series, once. Asking for it keeps the other services polled
     * for the idle time, so a script that asks every few seconds sees them current.
     */
    @GetMapping("/snapshot")
    @Operation(summary = "The desk and the latency chart's series, once: what the stream's first events hold")
    @ApiResponse(responseCode = "200", description = "the kill switch, positions, the order count, each service's health"
        + " and figures, and p50/p99 per hop over the last minutes (seconds)", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "one service down",
        value = ConsoleExamples.SNAPSHOT)))
    Once snapshot() {
        long now = clock.millis();
        poller.wanted(now);
        return new Once(snapshots.snapshot(now), latency.series());
    }

    record Once(DeskSnapshot desk, LatencyHistory.Series latency) {
    }
}
