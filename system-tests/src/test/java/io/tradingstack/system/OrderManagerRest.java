package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the tests read from the order manager's REST API: all its orders, and its net positions. */
final class OrderManagerRest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE_SIZE = 500;

    private OrderManagerRest() {
    }

    /** Every order, latest first, paged through {@code GET /api/orders}; as many as its {@code total}. */
    static List<JsonNode> orders(ServiceProcess orderManager) {
        List<JsonNode> orders = new ArrayList<>();
        long total = -1;
        for (int page = 0; total < 0 || (long) page * PAGE_SIZE < total; page++) {
            JsonNode body = JSON.readTree(orderManager.getOk("/api/orders?page=" + page + "&size=" + PAGE_SIZE));
            total = body.get("total").asLong();
            body.get("items").forEach(orders::add);
        }
        assertThat(orders).as("orders listed = total").hasSize((int) total);
        return orders;
    }

    /** Net position per symbol over all strategies, flat symbols left out. */
    static Map<String, Long> positions(ServiceProcess orderManager) {
        Map<String, Long> positions = new TreeMap<>();
        for (JsonNode position : JSON.readTree(orderManager.getOk("/api/positions")).get("positions")) {
            long quantity = position.get("quantity").asLong();
            if (quantity != 0) {
                positions.put(position.get("symbol").asString(), quantity);
            }
        }
        return positions;
    }
}
