package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy's drop copy: every order outcome as the strategy saw it, one CSV line each,
 * appended to a file — what a trader reconciles against the order manager's records, and what
 * the crash tests compare with the order manager's REST API after a kill -9.
 *
 * <pre>
 * clientOrderId,strategyId,symbol,side,quantity,status,orderId,filledQuantity,price,reason,attempts,reconciled
 * </pre>
 * {@code status} is FILLED, REJECTED or EXPIRED (no execution before the expiry); a later line
 * of the same {@code clientOrderId} with {@code reconciled=true} is the order manager's answer to
 * the cancel the strategy sent after the expiry (the order's own execution, or REJECTED
 * {@code CANCELLED}: never filled), and supersedes it. Each line is flushed to the operating system as it is
 * written, so a line survives the strategy process; it is not fsynced (a drop copy, not a
 * journal). Engine thread only. A write failure is logged once and ends the drop copy; the
 * strategy keeps trading.
 */
public final class DropCopy implements AutoCloseable {

    public static final String HEADER =
        "clientOrderId,strategyId,symbol,side,quantity,status,orderId,filledQuantity,price,reason,attempts,reconciled";

    private static final Logger log = LoggerFactory.getLogger(DropCopy.class);

    /** No drop copy configured. */
    public static final DropCopy NONE = new DropCopy(null, null);

    private final Path path;
    private BufferedWriter out;

    private DropCopy(Path path, BufferedWriter out) {
        this.path = path;
        this.out = out;
    }

    /** Opens {@code path} for appending (created with its header when new); "" is {@link #NONE}. */
    public static DropCopy open(String path) {
        if (path == null || path.isBlank()) {
            return NONE;
        }
        Path file = Path.of(path);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (fresh) {
                out.write(HEADER);
                out.newLine();
                out.flush();
            }
            log.info("Drop copy of every order outcome: {}", file.toAbsolutePath());
            return new DropCopy(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the drop copy " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Appends one outcome. */
    public void record(OrderOutcome outcome) {
        if (out == null) {
            return;
        }
        Order order = outcome.order();
        Execution execution = outcome.execution();
        StringBuilder line = new StringBuilder(128)
            .append(order.clientOrderId()).append(',')
            .append(order.strategyId()).append(',')
            .append(order.symbol()).append(',')
            .append(order.side()).append(',')
            .append(order.quantity()).append(',');
        if (execution == null) {
            line.append("EXPIRED,,,,");
        } else {
            line.append(execution.status()).append(',')
                .append(execution.orderId()).append(',')
                .append(execution.filledQuantity()).append(',')
                .append(execution.isFilled() ? Prices.format(execution.price()) : "").append(',')
                .append(execution.isFilled() ? "" : execution.reason());
        }
        line.append(',').append(outcome.attempts()).append(',').append(outcome.reconciled());
        try {
            out.write(line.toString());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            log.error("Drop copy {} failed and is closed; the strategy keeps trading: {}", path, e.toString());
            close();
        }
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            log.warn("Drop copy {} did not close cleanly: {}", path, e.toString());
        } finally {
            out = null;
        }
    }
}
