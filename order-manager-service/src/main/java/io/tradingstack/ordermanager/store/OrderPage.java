package io.tradingstack.ordermanager.store;

import java.util.List;

/**
 * One page of orders, latest first.
 *
 * @param page  zero-based page number
 * @param size  the page size asked for
 * @param total orders stored when the page was read
 */
public record OrderPage(List<OrderRecord> items, int page, int size, long total) {

    public OrderPage {
        items = List.copyOf(items);
    }
}
