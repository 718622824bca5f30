package io.tradingstack.ordermanager.console;

import java.util.List;
import java.util.Map;

/**
 * One service as the console shows it: UP or DOWN with the reason, its health components'
 * statuses (anonymous health shows those, not their details), and a few figures from its
 * metrics (book age per symbol, feed subscribers, ...).
 *
 * @param name       gateway, orderbook, strategy or order-manager
 * @param url        where it was read; absent for the order manager itself
 * @param status     UP, DOWN (it answered DOWN or did not answer), or UNKNOWN before the first poll
 * @param reason     why it is not UP; absent when it is
 * @param components health component → status, e.g. feed → UP
 * @param figures    what its metrics say, in the order shown
 * @param checkedAt  when it was read, epoch ms
 */
record ServiceHealth(String name, String url, String status, String reason, Map<String, String> components,
        List<Figure> figures, long checkedAt) {

    /**
     * One figure: "book age AAPL" 0.012 s.
     *
     * @param value a number, or null when the service has none
     * @param unit  s, count or flag
     */
    record Figure(String label, Double value, String unit) {
    }

    static final String UP = "UP";
    static final String DOWN = "DOWN";

    static ServiceHealth unknown(String name, String url, String reason) {
        return new ServiceHealth(name, url, "UNKNOWN", reason, Map.of(), List.of(), 0);
    }

    boolean isUp() {
        return UP.equals(status);
    }
}
