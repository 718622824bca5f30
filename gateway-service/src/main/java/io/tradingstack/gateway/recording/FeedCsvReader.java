package io.tradingstack.gateway.recording;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.MappingIterator;

/**
 * Reads a recording back row by row with Jackson's CSV parser, which holds one buffer of the
 * file, never the whole of it. The header is checked when the reader is made; then {@link #next()}
 * gives one {@link RecordedRow} at a time. A bad row — a field {@link FeedCsv#parseRow} refuses,
 * or CSV syntax the parser refuses — is an {@link IllegalArgumentException} naming the line it
 * starts on and the reason; the row is consumed, so the caller may count it and read on.
 */
final class FeedCsvReader implements AutoCloseable {

    private final MappingIterator<String[]> rows;
    private long rowLine;
    private long lastErrorOffset = -1;

    /**
     * @param in closed with this reader
     * @throws IllegalArgumentException when the first row is not the recorder's header
     * @throws UncheckedIOException     when the input cannot be read
     */
    FeedCsvReader(Reader in) {
        this.rows = readRows(in);
        try {
            String[] header = nextFields();
            if (header == null || !FeedCsv.COLUMNS.equals(Arrays.asList(header))) {
                throw new IllegalArgumentException("starts with '" + (header == null ? "" : String.join(",", header))
                        + "', expected the recorder's header '" + FeedCsv.HEADER + "'");
            }
        } catch (RuntimeException e) {
            close(); // the caller gets no reader to close
            throw e;
        }
    }

    /**
     * The next row, or null at the end of the input; blank lines are skipped.
     *
     * @throws IllegalArgumentException for a bad row, naming its line: the reader moves past it
     * @throws UncheckedIOException     when the input cannot be read, or the parser cannot get past a bad row
     */
    RecordedRow next() {
        String[] fields = nextFields();
        return fields == null ? null : FeedCsv.parseRow(Arrays.asList(fields), rowLine);
    }

    @Override
    public void close() {
        rows.close();
    }

    private static MappingIterator<String[]> readRows(Reader in) {
        try {
            return FeedCsv.MAPPER.readerFor(String[].class).readValues(in);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException("cannot read the recording: " + e.getOriginalMessage(), e));
        }
    }

    private String[] nextFields() {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            // the parser stands at the row's first character (blank lines skipped), before any field is read
            rowLine = rows.parser().currentLocation().getLineNr();
            return rows.nextValue();
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(new IOException(e.getOriginalMessage(), e));
        } catch (JacksonException e) {
            throw badSyntax(e);
        }
    }

    /** The parser skips the rest of the row it failed on; if it made no progress, reading stops. */
    private IllegalArgumentException badSyntax(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getCharOffset();
        String where = at == null ? "" : " (at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String message = "line " + rowLine + ": not valid CSV, " + e.getOriginalMessage() + where;
        if (offset >= 0 && offset == lastErrorOffset) {
            throw new UncheckedIOException(new IOException("cannot read past " + message));
        }
        lastErrorOffset = offset;
        return new IllegalArgumentException(message);
    }
}
