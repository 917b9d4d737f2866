package org.maildrift.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.maildrift.checks.BlindSpot;
import org.maildrift.checks.FindingQueries;
import org.maildrift.checks.LedgerEntry;
import org.maildrift.checks.RunRecorded;
import org.maildrift.rules.Severity;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides, for each recorded run, who is told what, and writes it to the outbox in the run's own
 * transaction (Alertmanager's model, adapted to runs):
 * <ul>
 * <li>an open finding at or above someone's severity that nobody was told about is new; one that
 * was told about is reminded every repeat interval while it stays open;</li>
 * <li>a finding that was told about and is no longer open is resolved (once); one never told
 * about resolves silently;</li>
 * <li>a finding that starts or stops flapping is told once each way; while it flaps it is neither
 * new, reminded nor resolved;</li>
 * <li>a view, host or inventory that failed {@code blind-after} runs in a row is told once ("maildrift
 * cannot see"), and once more when it is seen again; while it fails, the findings it explains are muted;</li>
 * <li>a silenced finding is not told about at all; when its silence ends it is new again if still open.</li>
 * </ul>
 * Everything one run decides for one recipient is one e-mail.
 */
@Component
class AlertPolicy {

    private final AlertProperties properties;
    private final Recipients recipients;
    private final Outbox outbox;
    private final AlertFindingRepository told;
    private final BlindSourceRepository blindSources;
    private final Silences silences;
    private final FindingQueries queries;

    AlertPolicy(AlertProperties properties, Recipients recipients, Outbox outbox, AlertFindingRepository told,
            BlindSourceRepository blindSources, Silences silences, FindingQueries queries) {
        this.properties = properties;
        this.recipients = recipients;
        this.outbox = outbox;
        this.told = told;
        this.blindSources = blindSources;
        this.silences = silences;
        this.queries = queries;
    }

    /** Runs inside the ledger's transaction: the outbox rows commit or roll back with the run. */
    @EventListener
    void onRun(RunRecorded run) {
        if (!properties.enabled()) {
            return;
        }
        Instant now = run.at();
        Map<String, List<AlertItem>> mail = new TreeMap<>();
        Set<String> blindNow = blindness(run, now, mail);
        List<Silence> active = silences.activeAt(now);

        Map<Long, LedgerEntry> open = new HashMap<>();
        run.open().forEach(f -> open.put(f.id(), f));
        Map<Long, AlertFindingRow> state = new HashMap<>();
        told.findByNotifiedAtIsNotNullOrFlappingNotifiedTrue().forEach(r -> state.put(r.findingId, r));
        // rows of findings that were told once and resolved since (notified_at cleared), loaded only for those
        // about to be told anew, not for every open finding on every run
        Set<Long> aboutToBeNew = new LinkedHashSet<>();
        for (LedgerEntry f : run.open()) {
            if (!state.containsKey(f.id()) && !f.flapping() && tellable(f, blindNow, active)
                    && !recipients.forFinding(Severity.parse(f.severity()), f.host()).isEmpty()) {
                aboutToBeNew.add(f.id());
            }
        }
        if (!aboutToBeNew.isEmpty()) {
            told.findAllById(aboutToBeNew).forEach(r -> state.put(r.findingId, r));
        }

        for (RunRecorded.Change c : run.changes()) {
            LedgerEntry f = c.finding();
            if (c.kind() == RunRecorded.Kind.FLAPPING_STARTED && tellable(f, blindNow, active)) {
                AlertFindingRow row = state.computeIfAbsent(f.id(), AlertFindingRow::new);
                row.flappingNotified = true;
                told.save(row);
                add(mail, recipients.forFinding(Severity.parse(f.severity()), f.host()), AlertItem.of(NoticeKind.FLAPPING, f));
            } else if (c.kind() == RunRecorded.Kind.FLAPPING_STOPPED) {
                AlertFindingRow row = state.get(f.id());
                if (row != null && row.flappingNotified) {
                    row.flappingNotified = false;
                    told.save(row);
                    add(mail, recipients.forFinding(Severity.parse(f.severity()), f.host()),
                            AlertItem.of(NoticeKind.FLAPPING_STOPPED, f));
                }
            }
        }

        List<LedgerEntry> ordered = new ArrayList<>(run.open());
        ordered.sort(java.util.Comparator.comparing(LedgerEntry::id));
        for (LedgerEntry f : ordered) {
            if (f.acceptedBy() != null) {
                // accepted: not told; told afresh (as new) when the acceptance ends
                AlertFindingRow row = state.get(f.id());
                if (row != null && row.notifiedAt != null) {
                    row.notifiedAt = null;
                    told.save(row);
                }
                continue;
            }
            if (f.flapping() || !tellable(f, blindNow, active)) {
                continue;
            }
            Set<String> to = recipients.forFinding(Severity.parse(f.severity()), f.host());
            if (to.isEmpty()) {
                continue;
            }
            AlertFindingRow row = state.computeIfAbsent(f.id(), AlertFindingRow::new);
            if (row.notifiedAt == null) {
                row.notifiedAt = now;
                add(mail, to, AlertItem.of(NoticeKind.NEW, f));
                told.save(row);
            } else if (!now.isBefore(row.notifiedAt.plus(properties.repeatInterval()))) {
                // keep the cadence of the first notice: a reminder per repeat interval, not per interval plus a run
                long periods = Duration.between(row.notifiedAt, now).toMillis() / properties.repeatInterval().toMillis();
                row.notifiedAt = row.notifiedAt.plus(properties.repeatInterval().multipliedBy(periods));
                add(mail, to, AlertItem.of(NoticeKind.REMINDER, f));
                told.save(row);
            }
        }

        List<Long> notOpen = state.values().stream().filter(r -> r.notifiedAt != null && !open.containsKey(r.findingId))
                .map(r -> r.findingId).sorted().toList();
        for (LedgerEntry f : queries.findings(notOpen)) {
            if (f.flapping() || muted(f, blindNow)) {
                continue;
            }
            AlertFindingRow row = state.get(f.id());
            row.notifiedAt = null;
            told.save(row);
            if (active.stream().noneMatch(s -> s.matches(f))) {
                add(mail, recipients.forFinding(Severity.parse(f.severity()), f.host()), AlertItem.of(NoticeKind.RESOLVED, f));
            }
        }

        mail.forEach((recipient, items) -> outbox.write(recipient, run.run().id(), now, items));
    }

    /** Moves the blind streaks on; tells when a source reaches blind-after, and when it is seen again. */
    private Set<String> blindness(RunRecorded run, Instant now, Map<String, List<AlertItem>> mail) {
        Map<String, BlindSourceRow> stored = new HashMap<>();
        blindSources.findAll().forEach(r -> stored.put(r.source, r));
        Set<String> blindNow = new LinkedHashSet<>();
        for (BlindSpot b : run.blind()) {
            if (!blindNow.add(b.source())) {
                continue;
            }
            BlindSourceRow row = stored.remove(b.source());
            if (row == null) {
                row = new BlindSourceRow(b.source(), now);
            }
            row.streak++;
            row.reason = b.reason() == null ? null : b.reason().substring(0, Math.min(4000, b.reason().length()));
            if (row.streak >= properties.blindAfter() && row.notifiedAt == null) {
                row.notifiedAt = now;
                String host = b.isHost() ? b.name() : null;
                add(mail, recipients.forHost(host), AlertItem.blind(NoticeKind.BLIND, b.source(), host,
                        b.reason() + " (" + row.streak + " runs in a row)", row.since));
            }
            blindSources.save(row);
        }
        for (BlindSourceRow row : stored.values()) {
            if (row.notifiedAt != null) {
                BlindSpot was = new BlindSpot(row.source, row.reason);
                String host = was.isHost() ? was.name() : null;
                add(mail, recipients.forHost(host), AlertItem.blind(NoticeKind.SIGHT_RESTORED, row.source, host,
                        "seen again after " + Duration.between(row.since, now).toMinutes() + " min; it failed with: "
                                + row.reason, row.since));
            }
            blindSources.delete(row);
        }
        return blindNow;
    }

    private boolean tellable(LedgerEntry f, Set<String> blindNow, List<Silence> active) {
        return f.acceptedBy() == null && !muted(f, blindNow) && active.stream().noneMatch(s -> s.matches(f));
    }

    /** A failing source explains the finding: the inventory, its host, or a view it was seen in. */
    static boolean muted(LedgerEntry f, Set<String> blindNow) {
        if (blindNow.isEmpty()) {
            return false;
        }
        if (blindNow.contains(BlindSpot.inventory(null).source())
                || f.host() != null && blindNow.contains(BlindSpot.host(f.host(), null).source())) {
            return true;
        }
        return f.views().stream().anyMatch(v -> blindNow.contains(BlindSpot.view(v, null).source()));
    }

    private static void add(Map<String, List<AlertItem>> mail, Set<String> to, AlertItem item) {
        for (String r : to) {
            mail.computeIfAbsent(r, k -> new ArrayList<>()).add(item);
        }
    }
}
