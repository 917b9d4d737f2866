package org.maildrift.api;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.maildrift.checks.CheckRunner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class ApiControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    CheckRunner runner;

    @Test
    void listsTheDemosOpenFindingsMostSevereFirst() throws Exception {
        runner.runNow("test");
        runner.runNow("test");
        mvc.perform(get("/api/findings").with(user("v").roles("VIEWER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(4))
                .andExpect(jsonPath("$.items[0].rule").value("canonical-name-not-accepted"))
                .andExpect(jsonPath("$.items[0].state").value("OPEN"))
                .andExpect(jsonPath("$.items[0].fix").value(
                        "add newserver01.example.com to mydestination in mlserver/main.cf line 4"))
                .andExpect(jsonPath("$.items[1].severity").value("warning"));
        mvc.perform(get("/api/findings?severity=critical&state=open,pending").with(user("v").roles("VIEWER")))
                .andExpect(jsonPath("$.total").value(1));
        long last = runner.runNow("test").orElseThrow().id();
        mvc.perform(get("/api/runs/" + last + "/diff").with(user("v").roles("VIEWER")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.to").value(last))
                .andExpect(jsonPath("$.appeared.length()").value(0))
                .andExpect(jsonPath("$.disappeared.length()").value(0));
        mvc.perform(get("/api/hosts").with(user("v").roles("VIEWER")))
                .andExpect(jsonPath("$[1].id").value("mlserver"))
                .andExpect(jsonPath("$[1].routedHere[0]").value("ml.example.com"));
    }

    @Test
    void badParametersAreProblemDetailsNamingTheField() throws Exception {
        mvc.perform(get("/api/findings?severity=fatal").with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.field").value("severity"))
                .andExpect(jsonPath("$.detail").value(
                        "severity: 'fatal' is not valid; expected one of critical, warning, notice, info"));
        mvc.perform(get("/api/findings?state=closed").with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("state"));
        mvc.perform(get("/api/runs?size=100000").with(user("v").roles("VIEWER")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/api/findings/123456").with(user("v").roles("VIEWER")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/api/runs/abc").with(user("v").roles("VIEWER"))).andExpect(status().isBadRequest());
    }
}
