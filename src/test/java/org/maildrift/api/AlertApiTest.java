package org.maildrift.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** Alerts over REST: status, outbox, test alert, silences for a change window. */
@SpringBootTest(properties = "maildrift.alerts.to=ops@example.com")
@AutoConfigureMockMvc
@DirtiesContext
class AlertApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aScriptSilencesAHostForItsChangeWindowAndEndsTheSilenceAfter() throws Exception {
        String end = Instant.now().plusSeconds(3600).toString();
        String location = mvc.perform(post("/api/silences").with(user("admin").roles("ADMIN")).with(csrf())
                .contentType("application/json")
                .content("{\"host\": \"mlserver\", \"reason\": \"rename of SERVER01, change 4711\", \"endsAt\": \"" + end + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.host").value("mlserver"))
                .andExpect(jsonPath("$.createdBy").value("admin"))
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(get("/api/silences").with(user("viewer").roles("VIEWER")))
                .andExpect(jsonPath("$[0].reason").value("rename of SERVER01, change 4711"));
        mvc.perform(delete(location).with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.endedBy").value("admin"));
        mvc.perform(delete("/api/silences/424242").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSilenceTooLongOrWithoutReasonIsAProblemNamingTheField() throws Exception {
        mvc.perform(post("/api/silences").with(user("admin").roles("ADMIN")).with(csrf()).contentType("application/json")
                .content("{\"host\": \"mlserver\", \"reason\": \"x\", \"endsAt\": \"2099-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("endsAt"));
        mvc.perform(post("/api/silences").with(user("admin").roles("ADMIN")).with(csrf()).contentType("application/json")
                .content("{\"host\": \"mlserver\", \"endsAt\": \"" + Instant.now().plusSeconds(60) + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
    }

    @Test
    void statusSaysWhyAlertsAreNotDeliveredAndATestAlertWaitsInTheOutbox() throws Exception {
        mvc.perform(get("/api/alerts").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.delivering").value(false))
                .andExpect(jsonPath("$.recipients[0]").value("ops@example.com"))
                .andExpect(jsonPath("$.warnings[0]").value(org.hamcrest.Matchers.startsWith(
                        "Alerts are not being delivered: no SMTP relay is configured")));
        mvc.perform(post("/api/alerts/test").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.queued").value(1));
        mvc.perform(get("/api/alerts/notices").with(user("viewer").roles("VIEWER")))
                .andExpect(jsonPath("$[0].status").value("pending"))
                .andExpect(jsonPath("$[0].recipient").value("ops@example.com"));
        mvc.perform(get("/api/alerts/notices?max=0").with(user("viewer").roles("VIEWER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("max"));
        mvc.perform(post("/api/alerts/notices/424242/resend").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/alerts").with(user("viewer").roles("VIEWER")))
                .andExpect(jsonPath("$.outbox.pending").value(1));
    }
}
