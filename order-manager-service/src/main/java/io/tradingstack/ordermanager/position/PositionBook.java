package io.tradingstack.ordermanager.position;

import io.tradingstack.protocol.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every position: net per symbol over all strategies (what the risk limits apply to) and per
 * strategy per symbol. Single writer: only the order engine calls {@link #fill}, under its own
 * lock, so nothing here is locked; after each fill it publishes an immutable {@link PositionsSnapshot}
 * that any thread may read through {@link #published()}.
 */
public final class PositionBook {

    private final Map<String, Position> net = new LinkedHashMap<>();
    private final Map<String, Map<String, Position>> byStrategy = new LinkedHashMap<>();
    /** Volatile: written by the engine thread after each fill, read by REST and gauges. */
    private volatile PositionsSnapshot published = PositionsSnapshot.EMPTY;

    /** Applies a fill to the net and the strategy's position, then publishes a new snapshot. Engine thread only. */
    public void fill(String strategyId, String symbol, Side side, long quantity, long price) {
        long signed = side.sign() * quantity;
        net.computeIfAbsent(symbol, s -> new Position()).fill(signed, price);
        byStrategy.computeIfAbsent(strategyId, s -> new LinkedHashMap<>())
            .computeIfAbsent(symbol, s -> new Position())
            .fill(signed, price);
        published = snapshot();
    }

    /** Net signed quantity of a symbol; engine thread only. */
    public long netQuantity(String symbol) {
        Position position = net.get(symbol);
        return position == null ? 0 : position.quantity();
    }

    /** The net positions, for the engine's risk checks; engine thread only, never modify. */
    public Map<String, Position> netPositions() {
        return net;
    }

    /** The latest published snapshot; any thread. */
    public PositionsSnapshot published() {
        return published;
    }

    private PositionsSnapshot snapshot() {
        List<PositionView> netViews = views(net);
        Map<String, List<PositionView>> strategies = new LinkedHashMap<>();
        byStrategy.forEach((strategy, positions) -> strategies.put(strategy, views(positions)));
        return new PositionsSnapshot(netViews, strategies);
    }

    private static List<PositionView> views(Map<String, Position> positions) {
        List<PositionView> views = new ArrayList<>(positions.size());
        positions.forEach((symbol, position) -> views.add(position.view(symbol)));
        return List.copyOf(views);
    }
}
