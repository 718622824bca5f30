package io.tradingstack.ordermanager.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code trading.order-manager.console.*}: the web console the order manager serves at {@code /}.
 * It reads the other services' anonymous Actuator endpoints (health statuses and Prometheus
 * metrics) server-side, so the browser talks to one origin and needs no operator credential to
 * watch; the defaults reach the services of {@code ./stack up} on this host.
 *
 * @param services         where the other services' HTTP (Actuator) ports are
 * @param pollInterval     how often each service's health and metrics are read, and a latency point is taken
 * @param requestTimeout   a service that does not answer within this is shown DOWN
 * @param snapshotInterval how often the stream pushes positions, the kill switch and the health of each service
 * @param ordersInterval   how often the stream looks for orders decided since the last look
 * @param recentOrders     orders the page is sent when it connects, and at most per look
 * @param latencyWindow    each latency point's p50/p99 are over the samples of this last window
 * @param latencyHistory   how far back the latency chart goes
 * @param streamTimeout    an open stream is closed after this, and the browser's EventSource reconnects
 * @param idleAfter        the other services are read only while a page is open, and for this long
 *                         after the last {@code /api/console/snapshot}: a console nobody watches costs them nothing
 * @param sslBundle        the SSL bundle whose trust material checks the services' certificates when
 *                         their URLs are https:// (TLS on); empty, the default: the JVM's own trust store
 */
@ConfigurationProperties("trading.order-manager.console")
@Validated
public record ConsoleProperties(@NotNull @Valid @DefaultValue Services services,
        @NotNull @DurationMin(millis = 100) @DefaultValue("2s") Duration pollInterval,
        @NotNull @DurationMin(millis = 10) @DefaultValue("2s") Duration requestTimeout,
        @NotNull @DurationMin(millis = 50) @DefaultValue("500ms") Duration snapshotInterval,
        @NotNull @DurationMin(millis = 50) @DefaultValue("250ms") Duration ordersInterval,
        @Min(1) @Max(500) @DefaultValue("50") int recentOrders,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10s") Duration latencyWindow,
        @NotNull @DurationMin(seconds = 10) @DefaultValue("5m") Duration latencyHistory,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30m") Duration streamTimeout,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1m") Duration idleAfter,
        @NotNull @DefaultValue("") String sslBundle) {

    /**
     * The base URLs of the other services' HTTP ports (scheme, host, port; no path), e.g.
     * {@code TRADING_ORDERMANAGER_CONSOLE_SERVICES_GATEWAY=http://gateway:8080} in a container.
     *
     * @param gateway   the gateway's HTTP port: its feeds' health and subscribers
     * @param orderbook the orderbook's HTTP port: its feed's health, the book's age per symbol and the emit → book hop
     * @param strategy  the strategy's HTTP port: its feed and order connections, orders in doubt, and the
     *                  news → strategy and order round-trip hops
     */
    public record Services(@NotNull @DefaultValue("http://127.0.0.1:8080") URI gateway,
            @NotNull @DefaultValue("http://127.0.0.1:8081") URI orderbook,
            @NotNull @DefaultValue("http://127.0.0.1:8082") URI strategy) {

        @AssertTrue(message = "gateway, orderbook and strategy must be http:// or https:// URLs with a host, e.g. http://gateway:8080")
        public boolean isEveryServiceAnHttpUrl() {
            return isHttpUrl(gateway) && isHttpUrl(orderbook) && isHttpUrl(strategy);
        }

        private static boolean isHttpUrl(URI uri) {
            return uri == null || (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null);
        }
    }

    /** Latency points kept: one per poll over the history. */
    int latencyPoints() {
        return (int) Math.max(1, latencyHistory.toMillis() / pollInterval.toMillis());
    }
}
