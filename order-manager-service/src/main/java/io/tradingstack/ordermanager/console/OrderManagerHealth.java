package io.tradingstack.ordermanager.console;

import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.ordermanager.halt.KillSwitch;
import io.tradingstack.ordermanager.store.OrderStore;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order manager's own card, read in process rather than over HTTP: is the journal writable,
 * how old is each traded symbol's price in the book it executes against, is trading halted. DOWN
 * when the journal has failed or no traded symbol has a fresh price, as its health says.
 */
final class OrderManagerHealth {

    private final OrderStore store;
    private final BookPrices book;
    private final KillSwitch killSwitch;
    private final List<String> symbols;

    OrderManagerHealth(OrderStore store, BookPrices book, KillSwitch killSwitch, List<String> symbols) {
        this.store = store;
        this.book = book;
        this.killSwitch = killSwitch;
        this.symbols = List.copyOf(symbols);
    }

    ServiceHealth read(long nowMillis) {
        Map<String, String> components = new LinkedHashMap<>();
        List<ServiceHealth.Figure> figures = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String journalFailure = store.unavailableReason();
        components.put("journal", journalFailure == null ? ServiceHealth.UP : ServiceHealth.DOWN);
        if (journalFailure != null) {
            reasons.add("journal not writable: " + journalFailure);
        }
        int fresh = 0;
        if (book.isOpen()) {
            long now = book.now();
            PriceSnapshot price = new PriceSnapshot();
            for (String symbol : symbols) {
                SlotStatus status = book.read(symbol, price, now);
                boolean priced = status == SlotStatus.FRESH || status == SlotStatus.STALE;
                fresh += status == SlotStatus.FRESH ? 1 : 0;
                figures.add(new ServiceHealth.Figure("book age " + symbol,
                    priced ? Math.max(0, now - price.updateTimestamp()) / 1e9 : null, "s"));
            }
            if (fresh == 0) {
                reasons.add("no traded symbol has a price fresher than " + book.staleness().toMillis() + " ms");
            }
        } else {
            reasons.add("price book not open: " + book.openFailure());
        }
        components.put("book", fresh > 0 ? ServiceHealth.UP : ServiceHealth.DOWN);
        components.put("trading", ServiceHealth.UP); // a halted desk is healthy; the kill switch card says HALTED
        figures.add(new ServiceHealth.Figure("orders stored", (double) store.count(), "count"));
        figures.add(new ServiceHealth.Figure("trading halted", killSwitch.state().halted() ? 1.0 : 0.0, "flag"));
        return new ServiceHealth(ServiceName.ORDER_MANAGER.id(), null, reasons.isEmpty() ? ServiceHealth.UP : ServiceHealth.DOWN,
            reasons.isEmpty() ? null : String.join("; ", reasons), components, figures, nowMillis);
    }
}
