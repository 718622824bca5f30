package io.tradingstack.ordermanager.position;

import java.util.List;
import java.util.Map;

/**
 * All positions at one moment, immutable: net per symbol (in the order symbols were first
 * traded) and per strategy.
 */
public record PositionsSnapshot(List<PositionView> net, Map<String, List<PositionView>> byStrategy) {

    public static final PositionsSnapshot EMPTY = new PositionsSnapshot(List.of(), Map.of());

    public PositionsSnapshot {
        net = List.copyOf(net);
        byStrategy = Map.copyOf(byStrategy);
    }

    /** Net signed quantity of a symbol, 0 when never traded. */
    public long netQuantity(String symbol) {
        for (PositionView position : net) {
            if (position.symbol().equals(symbol)) {
                return position.quantity();
            }
        }
        return 0;
    }
}
