package org.maildrift.rules.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.rules.Finding;
import org.maildrift.rules.RuleTesting;
import org.maildrift.rules.SenderPaths;
import org.maildrift.rules.Severity;

class SpfAuthorizesEgressAddressTest {

    private static final String RULE = "spf-excludes-egress-address";

    @TempDir
    Path tmp;

    @Test
    void reportsTheOldAddressAfterAReaddressing() throws Exception {
        List<Finding> found = RuleTesting.findings(RULE, "drifting", tmp);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("SPF of example.com fails 192.0.2.20");
        assertThat(f.fix()).contains("\"v=spf1 ip4:192.0.2.10 ip4:192.0.2.20 -all\"");
    }

    @Test
    void staysSilentWhenTheRecordNamesTheAddress() throws Exception {
        assertThat(RuleTesting.findings(RULE, "clean", tmp)).isEmpty();
    }

    @Test
    void theMechanismGoesBeforeAllOrRedirect() {
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 mx ~all", "ip6:2001:db8::1"))
                .isEqualTo("v=spf1 mx ip6:2001:db8::1 ~all");
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 a redirect=_spf.example", "ip4:192.0.2.1"))
                .isEqualTo("v=spf1 a ip4:192.0.2.1 redirect=_spf.example");
        assertThat(SpfAuthorizesEgressAddress.withMechanism("v=spf1 a", "ip4:192.0.2.1")).isEqualTo("v=spf1 a ip4:192.0.2.1");
    }

    @Test
    void relaysAndPrivateAddressesAreNotTheHostsOwn() {
        assertThat(SenderPaths.relayName("[smtp.provider.example]:587")).isEqualTo("smtp.provider.example");
        assertThat(SenderPaths.relayName("relay.example:25")).isEqualTo("relay.example");
        assertThat(SenderPaths.isPublic("10.1.2.3")).isFalse();
        assertThat(SenderPaths.isPublic("172.20.0.1")).isFalse();
        assertThat(SenderPaths.isPublic("fd00::1")).isFalse();
        assertThat(SenderPaths.isPublic("192.0.2.20")).isTrue();
        assertThat(SenderPaths.isPublic("2001:db8::20")).isTrue();
    }
}
