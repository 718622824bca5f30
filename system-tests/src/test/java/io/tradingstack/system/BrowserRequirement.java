package io.tradingstack.system;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a browser test does on a machine without Chromium and its driver: it is skipped with the
 * reason, unless {@code TRADING_STACK_REQUIRE_BROWSER=true} (system property or environment, as CI
 * sets it), where the missing browser fails it instead — CI must not pass by skipping. Debian's
 * {@code chromium} and {@code chromium-driver} packages are what it looks for on the PATH.
 */
final class BrowserRequirement {

    static final String REQUIRE_BROWSER = "TRADING_STACK_REQUIRE_BROWSER";

    /** Where the browser and its driver are. */
    record Browser(Path chromium, Path chromedriver) {
    }

    private final String test;
    private final Browser browser;
    /** Why this machine cannot run the test; null when it can. */
    private final String missing;

    private BrowserRequirement(String test, Browser browser, String missing) {
        this.test = test;
        this.browser = browser;
        this.missing = missing;
    }

    /** Looks for the browser, in {@code @BeforeAll}; fails at once where a browser is required and missing. */
    static BrowserRequirement find(String test) {
        Path chromium = onPath(List.of("chromium", "chromium-browser", "google-chrome"));
        Path chromedriver = onPath(List.of("chromedriver"));
        String missing = chromium == null ? "no chromium on the PATH"
            : chromedriver == null ? "no chromedriver on the PATH" : null;
        if (missing != null && required()) {
            Assertions.fail(REQUIRE_BROWSER + "=true, but " + missing);
        }
        return new BrowserRequirement(test, missing == null ? new Browser(chromium, chromedriver) : null, missing);
    }

    private static Path onPath(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean required() {
        String value = System.getProperty(REQUIRE_BROWSER, System.getenv(REQUIRE_BROWSER));
        return "true".equalsIgnoreCase(value);
    }

    /** The browser; skips the test with the reason when there is none. Call it in {@code @BeforeEach}. */
    Browser orSkip() {
        if (missing != null) {
            String message = test + " skipped: " + missing + ". It needs Chromium and its driver (Debian: apt-get install"
                + " chromium chromium-driver); set " + REQUIRE_BROWSER + "=true to make this a failure, as CI does.";
            System.out.println(message);
            Assumptions.abort(message);
        }
        return browser;
    }
}
