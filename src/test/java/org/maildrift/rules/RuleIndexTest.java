package org.maildrift.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maildrift.collect.EvidenceCollector;
import org.maildrift.dns.model.DnsNames;
import org.maildrift.dns.resolver.ResolverDnsObserver;
import org.maildrift.inventory.InventoryLoader;

/**
 * {@link RuleIndex}: results kept by subject with what each read; a change re-runs exactly the subjects whose
 * reads it touches; and a rule that declares a scope its findings do not have gives another report than a
 * whole run (what {@code IncrementalPrecheckTest} would catch).
 */
class RuleIndexTest {

    /** Calls of each test rule, per watched name it was given. */
    static final AtomicInteger CALLS = new AtomicInteger();

    /** Reports each watched name that is an alias, as a rule of scope WATCHED. */
    @RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "test-alias", severity = Severity.WARNING, summary = "test")
    static final class AliasRule implements Rule {
        @Override
        public void check(Evidence evidence, Findings findings) {
            findings.each(evidence.watched(), w -> {
                CALLS.incrementAndGet();
                Route r = evidence.route(w.name());
                if (r.isAlias()) {
                    findings.report(new Drift(null, w.name(), w.name() + " is an alias of " + r.canonical(),
                            evidence.describe(r), new Fix("none", null)));
                }
            });
        }
    }

    /** Declares WATCHED but reports on the names together: its per-name results are not its whole result. */
    @RuleDefinition(scope = RuleDefinition.Scope.WATCHED, id = "test-count", severity = Severity.NOTICE, summary = "test")
    static final class CountRule implements Rule {
        @Override
        public void check(Evidence evidence, Findings findings) {
            int n = evidence.watched().size();
            findings.report(new Drift(null, "estate", n + " watched names", List.of(), new Fix("none", null)));
        }
    }

    @TempDir
    Path dir;

    List<Evidence> views;

    @BeforeEach
    void estate() throws Exception {
        Files.writeString(dir.resolve("example.com.zone"), """
                $ORIGIN example.com.
                $TTL 300
                @    IN SOA ns1 hostmaster 1 3600 600 86400 300
                     IN NS  ns1
                ns1  IN A   192.0.2.53
                h1   IN A   192.0.2.10
                h2   IN A   192.0.2.11
                a    IN CNAME h1
                b    IN CNAME h2
                c    IN MX  10 h1
                """);
        Files.createDirectories(dir.resolve("h1"));
        Files.writeString(dir.resolve("h1/main.cf"), "myhostname = h1.example.com\nmydestination = a.example.com\n");
        Files.writeString(dir.resolve("inventory.yml"), """
                dns:
                  zone-files: [example.com.zone]
                hosts:
                  - id: h1
                    hostname: h1.example.com
                    addresses: [192.0.2.10]
                    mta: postfix
                    config: h1/main.cf
                watch:
                  names: [a.example.com, b.example.com, c.example.com]
                """);
        try (EvidenceCollector c = new EvidenceCollector(InventoryLoader.load(dir.resolve("inventory.yml")),
                ResolverDnsObserver.Settings.DEFAULTS)) {
            views = c.collect();
        }
    }

    private static Evidence.Delta editing(String... names) {
        Set<String> edited = Set.of(java.util.Arrays.stream(names).map(DnsNames::canonical).toArray(String[]::new));
        return new Evidence.Delta(edited::contains, Set.of(), false, false);
    }

    @Test
    void reRunsOnlyTheNamesWhoseChainsPassThroughAnEditedName() {
        RuleEngine engine = new RuleEngine(List.of(new AliasRule()));
        RuleIndex index = engine.index(views);
        assertThat(index.report()).isEqualTo(engine.run(views));
        assertThat(index.report().findings()).extracting(Finding::subject).containsExactly("a.example.com", "b.example.com");

        CALLS.set(0);
        assertThat(index.rerun(views, List.of(editing("elsewhere.example.com")))).isEqualTo(index.report());
        assertThat(CALLS.get()).as("nothing read was edited").isZero();

        CALLS.set(0);
        index.rerun(views, List.of(editing("h2.example.com")));
        assertThat(CALLS.get()).as("only b's chain passes through h2").isEqualTo(1);

        CALLS.set(0);
        index.rerun(views, List.of(editing("h1.example.com")));
        assertThat(CALLS.get()).as("a (CNAME) and c (MX) reach h1").isEqualTo(2);

        CALLS.set(0);
        index.rerun(views, List.of(new Evidence.Delta(n -> false, Set.of(), false, true)));
        assertThat(CALLS.get()).as("a and b are reported with the owners of their addresses; c read no owner").isEqualTo(2);
    }

    @Test
    void routeTouchedFollowsTheRecordedRoute() {
        RuleIndex index = new RuleEngine(List.of(new AliasRule())).index(views);
        assertThat(index.routeTouched(0, "b.example.com", editing("h2.example.com"))).isTrue();
        assertThat(index.routeTouched(0, "a.example.com", editing("h2.example.com"))).isFalse();
        assertThat(index.routeTouched(0, "c.example.com", new Evidence.Delta(n -> false, Set.of("h1"), false, false)))
                .as("whether h1 accepts c is part of its route").isTrue();
    }

    @Test
    void aRuleThatDeclaresAScopeItsFindingsDoNotHaveIsCaughtByComparingWithAWholeRun() {
        RuleEngine engine = new RuleEngine(List.of(new CountRule()));
        assertThat(engine.run(views).findings()).extracting(Finding::message).containsExactly("3 watched names");
        assertThat(engine.index(views).report()).isNotEqualTo(engine.run(views));
    }
}
