package io.tradingstack.gateway.news;

import java.util.List;
import java.util.Random;

/**
 * Headline templates by tone, so that a headline reads like its sentiment: 0–20 very negative,
 * 21–40 negative, 41–59 neutral, 60–79 positive, 80–100 very positive.
 */
final class Headlines {

    private static final List<List<String>> BY_TONE = List.of(
            List.of("%s shares slide as regulators open an investigation",
                    "%s cuts full-year guidance",
                    "%s recalls its flagship product over safety concerns",
                    "%s chief financial officer resigns unexpectedly"),
            List.of("%s misses quarterly revenue estimates",
                    "Analyst downgrades %s to underweight",
                    "%s warns of supply chain delays",
                    "%s loses a key customer to a rival"),
            List.of("%s to present at an industry conference",
                    "%s sets the date of its annual meeting",
                    "%s trades in line with its average volume",
                    "%s confirms its dividend"),
            List.of("%s beats quarterly earnings estimates",
                    "Analyst upgrades %s to overweight",
                    "%s announces a share buyback",
                    "%s expands into a new market"),
            List.of("%s raises full-year guidance on record demand",
                    "%s wins a major government contract",
                    "%s unveils a breakthrough product to strong reviews",
                    "%s agrees to be acquired at a large premium"));

    private Headlines() {
    }

    static String headline(String symbol, int sentiment, Random random) {
        List<String> templates = BY_TONE.get(tone(sentiment));
        return String.format(templates.get(random.nextInt(templates.size())), symbol);
    }

    static int tone(int sentiment) {
        if (sentiment < 0 || sentiment > 100) {
            throw new IllegalArgumentException("sentiment=" + sentiment + ", must be 0..100");
        }
        if (sentiment <= 20) {
            return 0;
        }
        if (sentiment <= 40) {
            return 1;
        }
        if (sentiment < 60) {
            return 2;
        }
        return sentiment < 80 ? 3 : 4;
    }
}
