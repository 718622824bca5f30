package io.tradingstack.ordermanager.console;

/** The four services as the console names them, in the order of the flow. */
enum ServiceName {
    GATEWAY("gateway"),
    ORDERBOOK("orderbook"),
    STRATEGY("strategy"),
    ORDER_MANAGER("order-manager");

    private final String id;

    ServiceName(String id) {
        this.id = id;
    }

    /** The name on the page and in the stream. */
    String id() {
        return id;
    }
}
