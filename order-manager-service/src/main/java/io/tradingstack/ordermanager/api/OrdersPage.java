package io.tradingstack.ordermanager.api;

import java.util.List;

/** {@code GET /api/orders}: one page, latest first, and the total stored. */
record OrdersPage(List<OrderItem> items, int page, int size, long total) {
}
