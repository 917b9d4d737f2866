package org.maildrift.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.security.Role;
import org.maildrift.security.UserAccounts;
import org.maildrift.testsupport.Peers;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The dashboard in a real browser (Debian's headless Chromium through chromedriver): log in, see the
 * demo's critical finding on the overview, open it, read the evidence chain and the fix, press
 * "Check now". Screenshots go to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "browser-test-password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    CheckRunner runner;

    @Autowired
    FindingQueries queries;

    WebDriver browser;

    @BeforeEach
    void start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Peers.missing("Chromium and ChromeDriver (Debian packages chromium, chromium-driver) are not installed");
        }
        accounts.save("alice", PASSWORD, Role.ADMIN);
        runner.runNow("test");
        runner.runNow("test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void adminLogsInSeesTheCriticalFindingItsEvidenceAndFixAndChecksNow() throws Exception {
        String base = "http://localhost:" + port;
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();

        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("Overview"));
        String overview = browser.findElement(By.tagName("main")).getText();
        assertThat(overview).contains("canonical-name-not-accepted").contains("newserver01.example.com")
                .contains("1\ncritical");
        screenshot("overview");

        browser.findElement(By.linkText("newserver01.example.com")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("canonical-name"));
        assertThat(browser.findElement(By.id("evidence")).getText())
                .contains("ml.example.com CNAME newserver01.example.com")
                .contains("newserver01.example.com A 192.0.2.20 = host mlserver");
        assertThat(browser.findElement(By.id("fix")).getText())
                .isEqualTo("add newserver01.example.com to mydestination in mlserver/main.cf line 4");
        screenshot("finding");

        long runsBefore = queries.runs(PageRequest.of(0, 1)).getTotalElements();
        browser.findElement(By.linkText("Overview")).click();
        browser.findElement(By.id("check-now")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("A check has started"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                d -> queries.runs(PageRequest.of(0, 1)).getTotalElements() > runsBefore && !runner.isRunning());
        assertThat(queries.lastRun()).get().extracting(r -> r.trigger()).isEqualTo("dashboard");

        // plan the rename the incident did not test: the page says what breaks and how to fix it
        browser.findElement(By.linkText("Plan a change")).click();
        browser.findElement(By.name("renameFrom")).sendKeys("newserver01.example.com");
        browser.findElement(By.name("renameTo")).sendKeys("lists.example.com");
        browser.findElement(By.id("run-plan")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("plan-result")).isEmpty());
        assertThat(browser.findElement(By.id("plan-result")).getText())
                .contains("canonical-name-not-accepted lists.example.com")
                .contains("- accept-name: {host: mlserver, name: lists.example.com}");
        assertThat(browser.findElement(By.id("chains")).getText()).contains("ml.example.com CNAME lists.example.com");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('plan-result').scrollIntoView()");
        screenshot("plan");

        // accept the finding from its page (the expiry field offers 90 days), see it marked, then remove it
        browser.findElement(By.linkText("Findings")).click();
        browser.findElement(By.linkText("newserver01.example.com")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("canonical-name"));
        browser.findElement(By.name("reason")).sendKeys("the rename to lists.example.com is planned for Friday");
        browser.findElement(By.id("accept-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("accepted")).isEmpty());
        assertThat(browser.findElement(By.id("accepted")).getText()).startsWith("Accepted, not alerted: acceptance #")
                .contains("the rename to lists.example.com is planned for Friday (alice, until ");
        screenshot("accepted-finding");
        browser.findElement(By.linkText("Accepted")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getTitle().startsWith("Accepted"));
        assertThat(browser.findElement(By.id("acceptances")).getText())
                .contains("canonical-name-not-accepted", "mlserver", "alice", "active", "1 open");
        screenshot("acceptances");
        browser.findElement(By.xpath("//table[@id='acceptances']//button[text()='Remove']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getPageSource().contains("removed by alice"));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
