package io.tradingstack.gateway.recording;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records: comma-separated fields, a field in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""}); records end with LF or CRLF. Enough for the
 * recorder's files, which quote only headlines that need it.
 */
final class CsvReader {

    private final Reader in;
    private final StringBuilder field = new StringBuilder();
    private long line = 1;
    private int pushedBack = -2;

    /** @param in a buffered reader: this reads one character at a time */
    CsvReader(Reader in) {
        this.in = in;
    }

    /** The line the next record starts on, for error messages. */
    long line() {
        return line;
    }

    /**
     * The next record's fields, or null at the end of the input.
     *
     * @throws IllegalArgumentException for a quote that is not closed before the end, or text after a closing quote
     */
    List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IllegalArgumentException("line " + line + ": quoted field not closed before the end of the file");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = following;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == -1) {
                line++;
                fields.add(field.toString());
                return fields;
            } else if (c == '\r') {
                int following = read();
                if (following != '\n') {
                    unread(following);
                }
                line++;
                fields.add(field.toString());
                return fields;
            } else if (afterQuote) {
                throw new IllegalArgumentException("line " + line + ": text after a closing quote");
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
