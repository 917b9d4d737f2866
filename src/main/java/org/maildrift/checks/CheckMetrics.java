package org.maildrift.checks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.maildrift.rules.RuleDefinition;
import org.maildrift.rules.Severity;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.stereotype.Component;

/**
 * Prometheus metrics (at /actuator/prometheus, admins only): open findings by severity and by rule,
 * run duration by status, DNS lookups by outcome, and the time of the last completed run. The open
 * counts are refreshed after each run, not queried on each scrape.
 */
@Component
class CheckMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> openBySeverity = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openByRule = new ConcurrentHashMap<>();
    private final AtomicLong lastSuccess = new AtomicLong();

    CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Severity s : Severity.values()) {
            AtomicLong v = new AtomicLong();
            openBySeverity.put(s.label(), v);
            Gauge.builder("maildrift.findings.open", v, AtomicLong::get).tag("severity", s.label())
                    .description("open findings").register(registry);
        }
        for (RuleDefinition d : RuleCatalog.definitions()) {
            AtomicLong v = new AtomicLong();
            openByRule.put(d.id(), v);
            Gauge.builder("maildrift.findings.open.rule", v, AtomicLong::get).tag("rule", d.id())
                    .description("open findings per rule").register(registry);
        }
        Gauge.builder("maildrift.check.last.success", lastSuccess, AtomicLong::get).baseUnit("seconds")
                .description("when the last completed check finished, seconds since the epoch").register(registry);
    }

    void recorded(RunSummary run, Map<String, Long> lookups, FindingQueries queries) {
        Timer.builder("maildrift.check.duration").tag("status", run.status().toLowerCase(java.util.Locale.ROOT))
                .description("check run duration").register(registry).record(run.duration());
        lookups.forEach((outcome, n) -> Counter.builder("maildrift.dns.lookups").tag("outcome", outcome)
                .description("DNS lookups by outcome").register(registry).increment(n));
        if (run.completed()) {
            lastSuccess.set(run.finishedAt().getEpochSecond());
            queries.openBySeverity().forEach((s, n) -> openBySeverity.computeIfAbsent(s, k -> new AtomicLong()).set(n));
            Map<String, Long> byRule = queries.openByRule();
            openByRule.forEach((rule, v) -> v.set(byRule.getOrDefault(rule, 0L)));
        }
    }
}
