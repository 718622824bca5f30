package io.tradingstack.ordermanager.console;

import io.tradingstack.ordermanager.api.PositionsResponse;
import io.tradingstack.ordermanager.api.TradingView;
import io.tradingstack.ordermanager.halt.KillSwitch;
import io.tradingstack.ordermanager.position.PositionReport;
import io.tradingstack.ordermanager.store.OrderStore;
import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link DeskSnapshot} from the order manager's own state and the last poll of the others. */
final class DeskSnapshots {

    private final PositionReport positions;
    private final KillSwitch killSwitch;
    private final OrderStore store;
    private final OrderManagerHealth ownHealth;
    private final ServicePoller others;

    DeskSnapshots(PositionReport positions, KillSwitch killSwitch, OrderStore store, OrderManagerHealth ownHealth,
            ServicePoller others) {
        this.positions = positions;
        this.killSwitch = killSwitch;
        this.store = store;
        this.ownHealth = ownHealth;
        this.others = others;
    }

    DeskSnapshot snapshot(long nowMillis) {
        List<ServiceHealth> services = new ArrayList<>(others.services());
        services.add(ownHealth.read(nowMillis));
        return new DeskSnapshot(nowMillis, TradingView.of(killSwitch.state()), PositionsResponse.of(positions.report()),
            store.count(), services);
    }
}
