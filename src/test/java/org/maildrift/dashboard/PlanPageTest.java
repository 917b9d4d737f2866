package org.maildrift.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The "Plan a change" page on the demo estate. */
@SpringBootTest
@AutoConfigureMockMvc
class PlanPageTest {

    @Autowired
    MockMvc mvc;

    private String plan(String... params) throws Exception {
        var request = post("/plan").with(user("viewer").roles("VIEWER")).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aRenameShowsWhatBreaksTheRoutesBeforeAndAfterAndTheFix() throws Exception {
        String html = plan("renameFrom", "newserver01.example.com", "renameTo", "lists.example.com");
        assertThat(html).contains("id=\"plan-result\"").contains("It would introduce")
                .contains("canonical-name-not-accepted").contains("lists.example.com")
                .contains("ml.example.com CNAME newserver01.example.com")
                .contains("ml.example.com CNAME lists.example.com")
                .contains("- accept-name: {host: mlserver, name: lists.example.com}")
                .contains("Fix: add lists.example.com to mydestination in mlserver/main.cf line 4");
    }

    @Test
    void aConfigEditThatResolvesTheDemosDrift() throws Exception {
        String html = plan("acceptHost", "mlserver", "acceptName", "newserver01.example.com");
        assertThat(html).contains("It introduces no finding").contains("It would resolve 1");
    }

    @Test
    void badInputIsShownWithTheFieldAndKeepsTheForm() throws Exception {
        String html = plan("aliasName", "ml.example.com", "aliasTarget", "not a name\r\nBcc: x");
        assertThat(html).contains("id=\"plan-error\"").contains("set-cname.target")
                .contains("value=\"ml.example.com\"");
        assertThat(plan()).contains("Describe a change");
        assertThat(mvc.perform(get("/plan").with(user("viewer").roles("VIEWER"))).andReturn().getResponse()
                .getContentAsString()).contains("id=\"run-plan\"");
    }

    @Test
    void aZoneTypedIntoThePlanIncludesNoFileOfTheServer() throws Exception {
        String html = plan("yaml", "- proposed-zone:\n    origin: example.com\n    text: |\n      \"$INCLUDE\" /etc/passwd\n");
        assertThat(html).contains("id=\"plan-error\"").contains("$INCLUDE is not allowed in a zone sent as text")
                .doesNotContain("root:x:0");
    }
}
