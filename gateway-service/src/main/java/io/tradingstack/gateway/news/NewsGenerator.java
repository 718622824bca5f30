package io.tradingstack.gateway.news;

import java.util.List;
import java.util.Random;

import io.tradingstack.gateway.feed.NewsItem;

/** Random news about the configured symbols: a uniform sentiment 0–100 and a headline of that tone; seeded. */
final class NewsGenerator {

    private final String[] symbols;
    private final Random random;

    NewsGenerator(List<String> symbols, long seed) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("symbols is empty: news needs at least one symbol");
        }
        this.symbols = symbols.toArray(new String[0]);
        this.random = new Random(seed);
    }

    NewsItem next() {
        String symbol = symbols[random.nextInt(symbols.length)];
        int sentiment = random.nextInt(101);
        return new NewsItem(symbol, sentiment, Headlines.headline(symbol, sentiment, random));
    }
}
