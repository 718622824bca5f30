package io.tradingstack.ordermanager;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that starts order managers of its own ({@link OrderManagerInstance}), one after the
 * other, over one journal file and one price book in its temporary directory: what restart tests
 * need, which a cached {@code @SpringBootTest} context cannot give.
 */
abstract class JournaledServiceTest {

    @TempDir
    Path directory;

    TestPriceBook book;
    Path journal;

    @BeforeEach
    void writeBookAndPlaceJournal() {
        book = quotes(TestPriceBook.create(directory.resolve("pricebook.dat")));
        journal = directory.resolve("journal").resolve("orders.journal");
    }

    /** The quotes the book starts with: AAPL at 100.00/100.02 unless a test needs more. */
    TestPriceBook quotes(TestPriceBook created) {
        return created.quote("AAPL", "100.00", "100.02");
    }

    @AfterEach
    void closeBook() {
        book.close();
    }
}
