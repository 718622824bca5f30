package io.tradingstack.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The order manager's web console in a headless Chromium, read as an operator reads it: what a
 * service card, the kill switch, the positions and the orders table say. Every wait is a
 * {@link WebDriverWait} for what the test means, with a generous bound.
 */
final class ConsolePage implements AutoCloseable {

    private final ChromeDriver driver;
    private final Duration patience;
    /** Any file of the directory where a failed wait leaves what the page showed. */
    private final Path failures;

    ConsolePage(BrowserRequirement.Browser browser, Path profile, Path driverLog, Duration patience) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.chromium().toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1440,1680", "--user-data-dir=" + profile, "--no-first-run", "--disable-extensions");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL")); // the page's console, kept on failure
        // The driver is named explicitly, so Selenium Manager never looks for one on the internet.
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(browser.chromedriver().toFile())
            .usingAnyFreePort()
            .withLogFile(driverLog.toFile())
            .build();
        this.driver = new ChromeDriver(service, options);
        this.patience = patience;
        this.failures = driverLog;
    }

    ConsolePage open(String url) {
        driver.get(url);
        // Marks this load of the page: still there at the end means nothing reloaded it.
        ((JavascriptExecutor) driver).executeScript("window.consoleLoad = 'first';");
        return this;
    }

    boolean stillTheFirstLoad() {
        return "first".equals(((JavascriptExecutor) driver).executeScript("return window.consoleLoad;"));
    }

    /** Waits for the condition; when it does not come, leaves the page's screenshot, HTML and console log beside the driver's log. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, patience).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
        } catch (TimeoutException e) {
            keepEvidence();
            throw e;
        }
    }

    private void keepEvidence() {
        try {
            Path directory = failures.getParent();
            Files.createDirectories(directory);
            Files.write(failures.resolveSibling("console-failure.png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(failures.resolveSibling("console-failure.html"), driver.getPageSource());
            StringBuilder log = new StringBuilder();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                log.append(entry).append(System.lineSeparator());
            }
            Files.writeString(failures.resolveSibling("console-failure-browser.log"), log);
            System.out.println("ConsolePage: the page as it was is in " + directory + " (console-failure.*)");
        } catch (IOException | RuntimeException e) {
            System.out.println("ConsolePage: could not keep the page's evidence: " + e);
        }
    }

    String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    String serviceStatus(String service) {
        return text("[data-service=\"" + service + "\"] .status");
    }

    String serviceReason(String service) {
        return text("[data-service=\"" + service + "\"] .reason");
    }

    /** Fills the kill switch's credentials form and presses a button: {@code halt} or {@code release}. */
    void switchTrading(String button, String operator, String password, String reason) {
        type("#operator-name", operator);
        type("#operator-password", password);
        type("#switch-reason", reason);
        driver.findElement(By.cssSelector("#" + button)).click();
    }

    private void type(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
