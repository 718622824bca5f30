package io.tradingstack.ordermanager.halt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code trading}: UP whether trading runs or is halted — a halted order manager is a healthy
 * service doing what its operator asked, and must not be restarted by an orchestrator for it. The
 * details say which ({@code state} RUNNING or HALTED) and who switched it last, when and why.
 */
final class TradingHealthIndicator implements HealthIndicator {

    private final KillSwitch killSwitch;

    TradingHealthIndicator(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    @Override
    public Health health() {
        TradingState state = killSwitch.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        if (state.switchedAt() != null) {
            details.put(state.halted() ? "haltedBy" : "releasedBy", state.by());
            details.put(state.halted() ? "haltedAt" : "releasedAt", state.switchedAt().toString());
            details.put("reason", state.reason());
        }
        return Health.up().withDetails(details).build();
    }
}
