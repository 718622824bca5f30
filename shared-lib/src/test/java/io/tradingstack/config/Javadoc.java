package io.tradingstack.config;

/**
 * Inline javadoc tags as Markdown: {@code {@code x}}, {@code {@link X#y}}, {@code {@value X}} as
 * code spans. The tags nest braces ({@code {@code ${java.io.tmpdir}/x}}), so they are matched by
 * counting braces rather than by a regular expression.
 */
final class Javadoc {

    private Javadoc() {
    }

    static String toMarkdown(String javadoc) {
        StringBuilder out = new StringBuilder(javadoc.length());
        int i = 0;
        while (i < javadoc.length()) {
            int tag = javadoc.indexOf("{@", i);
            if (tag < 0) {
                break;
            }
            int end = closingBrace(javadoc, tag);
            if (end < 0) {
                break;
            }
            out.append(javadoc, i, tag);
            String content = javadoc.substring(tag + 2, end);
            int space = content.indexOf(' ');
            String text = space < 0 ? "" : content.substring(space + 1).strip();
            out.append('`').append(text.startsWith("#") ? text.substring(1) : text).append('`');
            i = end + 1;
        }
        return out.append(javadoc.substring(i)).toString();
    }

    private static int closingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
