package org.netlm.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.netlm.catalog.RuleSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The workbench page in a real headless Chromium (the Debian {@code chromium} and {@code chromium-driver} packages,
 * driven by Selenium through /usr/bin/chromedriver, nothing downloaded): the three panels as an informatician uses
 * them. Each test writes a screenshot to {@code target/workbench-screenshots/} (the ones in docs/ are copies).
 * Skipped, saying why, when Chromium is not installed, except in CI ({@code CI=true}), where that is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/workbench-screenshots");
    /** Rule folders compile slowly on a loaded machine. */
    static final Duration SLOW = Duration.ofMinutes(4);

    WorkbenchFixture wb;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String why = "Browser tests need the Debian packages chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI: " + why);
            }
            Assumptions.abort(why);
        }
        wb = new WorkbenchFixture(dir);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800",
            "--lang=en-GB", "--no-first-run", "--disable-extensions");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
        wait = new WebDriverWait(driver, SLOW);
        // The rules panel renders its status again every poll: an element read a moment ago may have been replaced.
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (wb != null) {
            wb.close();
        }
    }

    @BeforeEach
    void open() {
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.get(wb.server.url());
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    private void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String prrtStrength() {
        List<WebElement> cards = driver.findElements(By.cssSelector("#recommendations li[data-therapy='PRRT']"));
        return cards.isEmpty() ? "absent" : cards.get(0).getDomAttribute("data-strength");
    }

    private void waitForPrrt(String strength) {
        wait.until(d -> strength.equals(prrtStrength()));
    }

    @Test
    void whatIfPrrtBecomesRecommendedWithSstrPositiveAndProgressionOnSsa() throws IOException {
        new Select(byId("example-select")).selectByValue("patients/progressive-pancreatic-g2.json");
        byId("example-load").click();
        wait.until(ExpectedConditions.attributeToBe(By.id("f-id"), "value", "ex-04"));
        // The base: the same progressive G2 NET with diffuse liver disease, SSTR status unknown, no prior therapy.
        new Select(byId("f-sstrStatus")).selectByValue("");
        driver.findElement(By.cssSelector("#prior-list .pt-remove")).click();
        waitForPrrt("CONSIDER");
        WebElement why = driver.findElement(By.cssSelector("#explanations details[data-therapy='PRRT']"));
        assertThat(why.getText()).contains("PRRT");

        new Select(byId("f-sstrStatus")).selectByValue("POSITIVE");
        byId("pt-add").click();
        new Select(byId("pt-therapy-0")).selectByValue("SOMATOSTATIN_ANALOGUE");
        new Select(byId("pt-outcome-0")).selectByValue("PROGRESSION");
        waitForPrrt("RECOMMENDED");

        WebElement card = driver.findElement(By.cssSelector("#recommendations li[data-therapy='PRRT']"));
        assertThat(card.findElements(By.cssSelector(".evidence a"))).isNotEmpty()
            .allSatisfy(a -> assertThat(a.getDomAttribute("href")).matches("https://(doi\\.org|pubmed\\.ncbi\\.nlm\\.nih\\.gov)/.+"));
        assertThat(byId("assessment").getText()).contains("not a prescription");
        assertThat(byId("disclaimer").isDisplayed()).isTrue();
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        screenshot("whatif");
        WebElement prrtWhy = driver.findElement(By.cssSelector("#explanations details[data-therapy='PRRT'] summary"));
        prrtWhy.click();
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", prrtWhy);
        assertThat(driver.findElement(By.cssSelector("#explanations details[data-therapy='PRRT']")).getText()).contains("Why");
        screenshot("whatif-why");

        // A value out of range is shown at its field, with the reason, from the server's validation.
        WebElement ki67 = byId("f-ki67Percent");
        ki67.clear();
        ki67.sendKeys("140");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("f-ki67Percent-error"), "between 0 and 100"));
        assertThat(ki67.getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void everyControlHasALabelAndTheTabsWorkFromTheKeyboard() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) ((JavascriptExecutor) driver).executeScript(
            "return [...document.querySelectorAll('input, select, textarea')].filter(e => !(e.labels && e.labels.length)"
                + " && !e.getAttribute('aria-label')).map(e => e.id || e.outerHTML);");
        assertThat(unlabelled).isEmpty();
        byId("tab-whatif").click();
        byId("tab-whatif").sendKeys(Keys.ARROW_RIGHT);
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("tab-rules");
        assertThat(byId("panel-rules").isDisplayed()).isTrue();
        driver.switchTo().activeElement().sendKeys(Keys.END);
        assertThat(byId("panel-impact").isDisplayed()).isTrue();
        assertThat(byId("panel-whatif").isDisplayed()).isFalse();
        driver.switchTo().activeElement().sendKeys(Keys.HOME);
        assertThat(byId("panel-whatif").isDisplayed()).isTrue();
    }

    @Test
    void rulesPanelShowsAValidationErrorAfterABrokenEdit() throws Exception {
        String file = wb.ruleFileContaining("Strength.RECOMMENDED");
        String original = Files.readString(wb.rules.resolve(file));
        byId("tab-whatif").sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> "OK".equals(d.findElement(By.id("rule-state")).getDomAttribute("data-state")));
        wait.until(d -> !d.findElements(By.cssSelector("#catalog details.card")).isEmpty());
        driver.findElement(By.xpath("//ul[@id='rule-files']//button[text()='" + file + "']")).click();
        wait.until(d -> d.findElement(By.id("rule-editor")).getDomProperty("value").contains("rule "));
        try {
            WebElement editor = byId("rule-editor");
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[0].value.replace(/\\bthen\\b/, 'then ;;; broken (');"
                + "arguments[0].dispatchEvent(new Event('input'));", editor);
            byId("rule-save").click();
            String problem = wait.until(d -> d.findElement(By.cssSelector("#rule-problems li")).getText());
            assertThat(problem).startsWith(file + ":");
            String badge = wait.until(d -> d.findElement(By.id("rules-badge")).getText());
            assertThat(badge).contains("problem");
            assertThat(Files.readString(wb.rules.resolve(file))).contains(";;; broken (");
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
            screenshot("rules");
            WebElement card = driver.findElement(By.cssSelector("#catalog details.card[data-rule='SYS-01'], #catalog details.card"));
            card.findElement(By.tagName("summary")).click();
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});", card);
            assertThat(card.getText()).contains("Conditions", "Evidence", "Scenarios that fire it");
            screenshot("rules-catalogue");
            // The problem links to its line: the editor selects it.
            wait.until(d -> {
                d.findElement(By.cssSelector("#rule-problems li button")).click();
                return true;
            });
            wait.until(d -> "rule-editor".equals(d.switchTo().activeElement().getDomAttribute("id")));
        } finally {
            Files.writeString(wb.rules.resolve(file), original);
        }
        wait.until(d -> "OK".equals(d.findElement(By.id("rule-state")).getDomAttribute("data-state")));
        assertThat(driver.findElements(By.cssSelector("#rule-problems li"))).isEmpty();
    }

    @Test
    void impactPanelComparesWithTheBundledRulesAndOpensAnExampleInWhatIf() throws Exception {
        String file = wb.ruleFileContaining("Strength.RECOMMENDED");
        String original = Files.readString(wb.rules.resolve(file));
        Files.writeString(wb.rules.resolve(file), original.replace("Strength.RECOMMENDED", "Strength.CONSIDER").replace(":RECOMMENDED", ":CONSIDER"));
        String edited = RuleSource.fromDirectory(wb.rules).digest();
        try {
            wait.until(d -> {
                var rules = wb.get("/api/rules").json();
                return "OK".equals(rules.get("state").asText()) && edited.equals(rules.get("digest").asText());
            });
            byId("tab-impact").click();
            new Select(byId("impact-against")).selectByValue("bundled");
            byId("impact-run").click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("impact-headline")));
            assertThat(byId("impact-headline").getText()).contains("of " + WorkbenchFixture.COHORT_SIZE + " patients changed");
            assertThat(driver.findElements(By.cssSelector("#impact-chart svg rect"))).isNotEmpty();
            assertThat(driver.findElements(By.cssSelector("#impact-result table tbody tr"))).isNotEmpty();
            screenshot("impact");
            WebElement open = driver.findElement(By.cssSelector("button.open-example"));
            String patient = open.getDomAttribute("data-patient");
            open.click();
            assertThat(byId("panel-whatif").isDisplayed()).isTrue();
            wait.until(ExpectedConditions.attributeToBe(By.id("f-id"), "value", patient));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recommendations")));
        } finally {
            Files.writeString(wb.rules.resolve(file), original);
        }
    }

    @Test
    void fitsANarrowWindowAndPrintsAHandout() throws IOException {
        new Select(byId("example-select")).selectByValue("patients/progressive-pancreatic-g2.json");
        byId("example-load").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#recommendations li")));
        driver.manage().window().setSize(new Dimension(420, 900));
        Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        Object wide = ((JavascriptExecutor) driver).executeScript("const w = document.documentElement.clientWidth;"
            + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
            + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width));");
        assertThat(overflow).as("no sideways scrolling on a narrow window; too wide: %s", wide).isLessThanOrEqualTo(0L);
        screenshot("narrow");
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(byId("disclaimer").isDisplayed()).isTrue();
            assertThat(driver.findElement(By.cssSelector("[role='tablist']")).isDisplayed()).isFalse();
            assertThat(byId("example-load").isDisplayed()).isFalse();
            assertThat(byId("recommendations").isDisplayed()).isTrue();
            screenshot("print");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        assertThat(driver.print(new PrintOptions()).getContent()).isNotEmpty();
    }
}
