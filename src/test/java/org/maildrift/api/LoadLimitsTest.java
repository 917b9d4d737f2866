package org.maildrift.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.maildrift.checks.PrecheckRunner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Load a client can put on the service (issue 12, part 3): alias bombs and oversized change sets, a third
 * precheck while two run, page numbers past any page, and an inventory file too large to show whole.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class LoadLimitsTest {

    /** A copy of the demo inventory with 300 KB of comments after it: valid, and too long to show. */
    static final Path INVENTORY = bigInventory();

    @DynamicPropertySource
    static void inventory(DynamicPropertyRegistry r) {
        r.add("maildrift.checks.inventory", INVENTORY::toString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PrecheckRunner prechecks;

    @Test
    void aliasesOfOneLargeScalarAreRefusedBeforeAnyWork() throws Exception {
        // the probe's bomb, scaled into the 1 MiB a body may have: 60,000 aliases of a 512 KiB scalar
        StringBuilder body = new StringBuilder("- set-parameter: {host: mlserver, name: x, value: &big ")
                .append("a".repeat(512 * 1024)).append("}\n- set-parameter:\n    host: mlserver\n    name: y\n"
                        + "    value: [");
        for (int i = 0; i < 60_000; i++) {
            body.append(i == 0 ? "*big" : ",*big");
        }
        body.append("]\n");
        assertThat(body.length()).isLessThan(1024 * 1024);
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/yaml").content(body.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("request body:1: more than 20 aliases (*name); write the values"
                        + " out or use fewer aliases"));
    }

    @Test
    void aChangeSetOverOneMebibyteIs413() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                .contentType("application/yaml").content(big))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void aThirdPrecheckIsRefusedAtOnceWhileTwoRunAndPagesStayAvailable() throws Exception {
        CountDownLatch holding = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = List.of(pool.submit(() -> hold(holding, release)),
                    pool.submit(() -> hold(holding, release)));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            mvc.perform(post("/api/prechecks").with(user("viewer").roles("VIEWER")).with(csrf())
                    .contentType("application/yaml").content("- accept-name: {host: mlserver, name: a.example.com}\n"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", String.valueOf(PrecheckRunner.RETRY_AFTER_SECONDS)));
            mvc.perform(get("/").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk());
            mvc.perform(get("/api/findings").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk());
            release.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private Object hold(CountDownLatch holding, CountDownLatch release) throws Exception {
        return prechecks.run(() -> {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
    }

    @Test
    void aPageBeyondAnyIs400WithoutAStackTrace(CapturedOutput log) throws Exception {
        for (String path : new String[] {"/api/findings", "/api/runs", "/findings", "/runs"}) {
            int status = mvc.perform(get(path).param("page", "2147483647").with(user("viewer").roles("VIEWER")))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as(path).isEqualTo(400);
        }
        mvc.perform(get("/api/findings").param("page", "2147483647").with(user("viewer").roles("VIEWER")))
                .andExpect(jsonPath("$.field").value("page"));
        assertThat(log.getOut()).doesNotContain("\tat org.hibernate").doesNotContain("ERROR");
    }

    @Test
    void theInventoryPageShowsAPartOfAHugeFileAndSaysSo() throws Exception {
        String html = mvc.perform(get("/inventory").with(user("viewer").roles("VIEWER"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"inventory-cut\"").contains("Only the first 256 KiB of the file are shown.");
        assertThat(html.length()).isLessThan(320 * 1024);
    }

    static Path bigInventory() {
        Path inventory = org.maildrift.testsupport.DemoEstate.copy("load-limits").resolve("inventory.yml");
        try {
            Files.writeString(inventory, "# padding\n".repeat(30_000), java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inventory;
    }
}
