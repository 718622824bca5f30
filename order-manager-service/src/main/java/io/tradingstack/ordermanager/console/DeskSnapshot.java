package io.tradingstack.ordermanager.console;

import io.tradingstack.ordermanager.api.PositionsResponse;
import io.tradingstack.ordermanager.api.TradingView;
import java.util.List;

/**
 * What the console shows at one moment, pushed as the stream's {@code snapshot} event: the kill
 * switch, positions and P&amp;L (per symbol and per strategy, as {@code GET /api/positions}),
 * how many orders are stored, and the health of every service in the order of the flow.
 *
 * @param ts epoch ms
 */
record DeskSnapshot(long ts, TradingView trading, PositionsResponse positions, long orders,
        List<ServiceHealth> services) {
}
