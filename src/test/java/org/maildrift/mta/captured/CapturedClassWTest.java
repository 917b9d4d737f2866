package org.maildrift.mta.captured;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.maildrift.mta.model.AcceptedName;
import org.maildrift.mta.model.HostNames;
import org.maildrift.mta.model.Verdict;

class CapturedClassWTest {

    @Test
    void readsMembersFromSendmailTestModeOutput() {
        String dump = """
                ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)
                Enter <ruleset> <address>
                > mail.example.com
                [192.0.2.10]
                ML.example.com
                localhost
                >\s
                """;
        assertThat(CapturedClassW.looksLikeDump(dump)).isTrue();
        HostNames names = CapturedClassW.read("w.txt", dump);
        assertThat(names.accepted()).extracting(AcceptedName::name)
                .containsExactly("mail.example.com", "[192.0.2.10]", "ML.example.com", "localhost");
        assertThat(names.accepts("ml.example.com").verdict()).isEqualTo(Verdict.YES);
        assertThat(names.accepts("newserver01.example.com").verdict()).isEqualTo(Verdict.NO);
        assertThat(names.canonicalizesRecipients()).isTrue();
        assertThat(names.warnings()).anyMatch(p -> p.message().contains("canonify"));
    }

    @Test
    void reportsAnEmptyCapture() {
        HostNames names = CapturedClassW.read("w.txt", "Enter <ruleset> <address>\n> \n");
        assertThat(names.errors()).isNotEmpty();
    }
}
