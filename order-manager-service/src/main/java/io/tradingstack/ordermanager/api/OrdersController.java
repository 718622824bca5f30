package io.tradingstack.ordermanager.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tradingstack.ordermanager.store.OrderPage;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only orders: pages latest first, and one order by its client order id.
 * Errors are RFC 9457 problem details.
 */
@RestController
@Tag(name = "orders", description = "Orders and their executions, read-only")
@RequestMapping("/api/orders")
class OrdersController {

    static final int MAX_PAGE_SIZE = 500;

    private final OrderStore store;

    OrdersController(OrderStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "Orders with their executions, latest first, one page at a time")
    @ApiResponse(responseCode = "200", description = "one page and the total stored", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE,
        examples = @ExampleObject(name = "a rejected and a filled order", value = ApiExamples.ORDERS_PAGE)))
    @ApiResponse(responseCode = "400", description = "page below 0, size outside 1..500, or not a number", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "size above 500", value = ApiExamples.PAGE_TOO_LARGE)))
    OrdersPage orders(
            @Parameter(description = "page number, from 0 (the latest orders)") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "orders per page, 1..500") @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw badRequest("page=" + page + ", must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw badRequest("size=" + size + ", must be 1.." + MAX_PAGE_SIZE);
        }
        OrderPage orders = store.latestFirst(page, size);
        return new OrdersPage(orders.items().stream().map(OrderItem::of).toList(), orders.page(), orders.size(),
            orders.total());
    }

    @GetMapping("/{clientOrderId}")
    @Operation(summary = "One order and its execution, by client order id")
    @ApiResponse(responseCode = "200", description = "the order", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "filled", value = ApiExamples.FILLED_ORDER)))
    @ApiResponse(responseCode = "404", description = "no order has that client order id", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "unknown id", value = ApiExamples.ORDER_NOT_FOUND)))
    OrderItem order(@Parameter(description = "the strategy's id of the order", example = "momentum-1-mc2x8k1o-c")
            @PathVariable String clientOrderId) {
        OrderRecord order = store.find(clientOrderId);
        if (order == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no order with clientOrderId=" + clientOrderId);
            problem.setTitle("Order not found");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        return OrderItem.of(order);
    }

    private static ErrorResponseException badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid page request");
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }
}
