package org.maildrift.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.FindingState;
import org.maildrift.checks.LedgerEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The alerts page of a service that has recipients but no SMTP relay (the demo's defaults plus a
 * recipient): it says plainly that alerts are not delivered, the overview says so too, and admins set
 * silences that the finding page shows.
 */
@SpringBootTest(properties = {"maildrift.alerts.to=ops@example.com", "maildrift.alerts.envelope-from=noreply@example.com"})
@AutoConfigureMockMvc
@DirtiesContext
class AlertsPageTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    CheckRunner runner;
    @Autowired
    FindingQueries queries;

    private String page(String path, String role) throws Exception {
        return mvc.perform(get(path).with(user(role.toLowerCase()).roles(role))).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void saysPlainlyThatAlertsAreNotDeliveredAndWhy() throws Exception {
        runner.runNow("test");
        runner.runNow("test");
        String alerts = page("/alerts", "VIEWER");
        assertThat(alerts).contains("Alerts are not being delivered: no SMTP relay is configured (spring.mail.host).")
                .contains("alert e-mails wait in the outbox")
                .contains("noreply@example.com looks like a no-reply address")
                .contains("ops@example.com").doesNotContain("id=\"send-test\"");
        assertThat(page("/alerts", "ADMIN")).contains("id=\"send-test\"");
        assertThat(page("/", "VIEWER")).contains("id=\"alert-banner\"").contains("Alerts are not reaching anyone.");
    }

    @Test
    void anAdminSilencesAFindingAndItsPageSaysSo() throws Exception {
        runner.runNow("test");
        runner.runNow("test");
        LedgerEntry f = queries.findings(new FindingQueries.Filter(EnumSet.of(FindingState.OPEN), null,
                "canonical-name-not-accepted", null), PageRequest.of(0, 5)).getContent().get(0);
        String until = LocalDateTime.ofInstant(Instant.now().plusSeconds(7200), ZoneOffset.UTC).withNano(0).toString();
        mvc.perform(post("/alerts/silences").with(user("admin").roles("ADMIN")).with(csrf())
                .param("rule", "canonical-name-not-accepted").param("host", "mlserver")
                .param("reason", "rename of SERVER01 in progress").param("endsAt", until))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", org.hamcrest.Matchers.startsWith("Silence ")));
        assertThat(page("/findings/" + f.id(), "VIEWER")).contains("id=\"silenced\"")
                .contains("rename of SERVER01 in progress");
        assertThat(page("/alerts", "VIEWER")).contains("rule=canonical-name-not-accepted host=mlserver");

        mvc.perform(post("/alerts/silences").with(user("admin").roles("ADMIN")).with(csrf())
                .param("host", "mlserver").param("reason", "x").param("endsAt", "2099-01-01T00:00"))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("endsAt: must be at most 30 days")));
        mvc.perform(post("/alerts/silences").with(user("admin").roles("ADMIN")).with(csrf())
                .param("host", "mlserver").param("reason", "x").param("endsAt", "tomorrow"))
                .andExpect(flash().attribute("error", org.hamcrest.Matchers.containsString("'tomorrow' is not a date")));
    }
}
