package io.tradingstack.ordermanager.position;

import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Prices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published positions marked to the book's mid, for the REST API. Reads one consistent
 * {@link PositionsSnapshot} and each symbol's slot once, on the caller's thread; a stale price
 * still marks (with its status shown), an empty or missing one does not.
 */
public class PositionReport {

    /** Net per symbol, and per strategy (sorted by strategy id). */
    public record Marked(List<MarkedPosition> net, Map<String, List<MarkedPosition>> byStrategy) {
    }

    private final PositionBook positions;
    private final BookPrices book;

    public PositionReport(PositionBook positions, BookPrices book) {
        this.positions = positions;
        this.book = book;
    }

    public Marked report() {
        PositionsSnapshot snapshot = positions.published();
        Map<String, MarkedPosition> marks = new HashMap<>();
        PriceSnapshot price = new PriceSnapshot();
        long now = book.now();
        List<MarkedPosition> net = new ArrayList<>(snapshot.net().size());
        for (PositionView position : snapshot.net()) {
            SlotStatus status = book.read(position.symbol(), price, now);
            boolean priced = status == SlotStatus.FRESH || status == SlotStatus.STALE;
            MarkedPosition marked = new MarkedPosition(position, priced ? price.mid() : Prices.NONE,
                status == null ? "NO_PRICE" : status.name());
            marks.put(position.symbol(), marked);
            net.add(marked);
        }
        Map<String, List<MarkedPosition>> byStrategy = new TreeMap<>();
        snapshot.byStrategy().forEach((strategy, views) -> {
            List<MarkedPosition> markedViews = new ArrayList<>(views.size());
            for (PositionView view : views) {
                MarkedPosition symbolMark = marks.get(view.symbol());
                markedViews.add(new MarkedPosition(view, symbolMark.markPrice(), symbolMark.markStatus()));
            }
            byStrategy.put(strategy, List.copyOf(markedViews));
        });
        return new Marked(List.copyOf(net), byStrategy);
    }
}
