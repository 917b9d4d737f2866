package org.maildrift.checks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.maildrift.accept.AcceptedDeviations;
import org.maildrift.accept.AcceptedLoader;
import org.maildrift.audit.AuditTrail;
import org.maildrift.rules.Finding;
import org.maildrift.rules.catalog.RuleCatalog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Findings accepted on the dashboard (docs/operations.md, "Accepting a finding"): an admin accepts an open finding
 * with a reason and an expiry at most a year ahead, and is its owner. Each check applies them after the entries of
 * {@code maildrift-accepted.yml}, so where both match, the file wins. They are removable, exported in the file's
 * format, and every acceptance and removal is in the audit trail. The last match of every accepted deviation in
 * force is kept, for {@value AcceptedDeviations#STALE}.
 */
@Service
public class Acceptances {

    /** The longest an acceptance may run. */
    static final Duration LONGEST = Duration.ofDays(365);
    private static final Pattern HOST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final AcceptanceRepository acceptances;
    private final AcceptanceUseRepository uses;
    private final FindingRepository findings;
    private final AuditTrail audit;
    private final Clock clock;

    Acceptances(AcceptanceRepository acceptances, AcceptanceUseRepository uses, FindingRepository findings,
            AuditTrail audit, Clock clock) {
        this.acceptances = acceptances;
        this.uses = uses;
        this.findings = findings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an admin asks for: the rule (an ID of the catalogue) and optionally the host and the subject (exact, or
     * a glob with * and ?), the reason, the last day, and the finding it comes from.
     */
    public record Request(String rule, String host, String subject, String reason, LocalDate expires,
            Long findingId) {
    }

    /** A request that cannot be taken; names the field. */
    public static final class BadAcceptance extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        public BadAcceptance(String field, String message) {
            super(field + ": " + message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** An acceptance as the list shows it: its status, the open findings it matches, and those the file took. */
    public record Listed(Acceptance acceptance, String status, int matching, List<String> fileWins,
            Instant lastMatched) {
    }

    /** The day in UTC: entries last to the end of their day. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The last day an acceptance made today may run to. */
    public LocalDate latestExpiry() {
        return today().plusDays(LONGEST.toDays());
    }

    @Transactional
    public Acceptance accept(Request request, String owner) {
        LocalDate today = today();
        String rule = text(request.rule(), 100, "rule");
        if (rule == null) {
            throw new BadAcceptance("rule", "give the rule ID of the finding");
        }
        if (RuleCatalog.definitions().stream().noneMatch(d -> d.id().equals(rule))) {
            throw new BadAcceptance("rule", "not a rule ID (docs/rules/README.md)");
        }
        String host = text(request.host(), 63, "host");
        if (host != null && !HOST_ID.matcher(host).matches()) {
            throw new BadAcceptance("host", "not a host ID (letters, digits, '.', '_' and '-')");
        }
        String subject = text(request.subject(), 512, "subject");
        String reason = text(request.reason(), 500, "reason");
        if (reason == null) {
            throw new BadAcceptance("reason", "say why the deviation is accepted (it is shown beside the finding)");
        }
        if (request.expires() == null) {
            throw new BadAcceptance("expires", "give the last day, such as " + today.plusDays(90));
        }
        if (request.expires().isBefore(today)) {
            throw new BadAcceptance("expires", "must be today or later");
        }
        if (request.expires().isAfter(latestExpiry())) {
            throw new BadAcceptance("expires", "must be at most a year ahead (" + latestExpiry() + ")");
        }
        AcceptanceRow row = new AcceptanceRow();
        row.rule = rule;
        row.host = host;
        row.subject = subject;
        row.reason = reason;
        row.owner = owner.length() > 120 ? owner.substring(0, 120) : owner;
        row.createdAt = clock.instant();
        row.expires = request.expires();
        row.findingId = request.findingId();
        Acceptance saved = acceptances.save(row).acceptance();
        audit.record("acceptance.created", saved.source(), describe(saved) + ", until " + saved.expires() + ": "
                + reason);
        // shown as accepted at once; the next check confirms it (or the file's entry takes it, first)
        for (FindingRow f : findings.findByStateIn(EnumSet.of(FindingState.PENDING, FindingState.OPEN))) {
            if (f.acceptedBy == null && saved.matches(f.entry())) {
                f.acceptedBy = ledgerText(saved);
            }
        }
        return saved;
    }

    /** Removes an acceptance: what it covered is reported and alerted again from the next check. */
    @Transactional
    public Optional<Acceptance> remove(long id, String by) {
        return acceptances.findById(id).map(row -> {
            if (row.removedAt == null) {
                row.removedAt = clock.instant();
                row.removedBy = by;
                audit.record("acceptance.removed", Acceptance.source(id), describe(row.acceptance()));
                String mark = Acceptance.source(id) + ":";
                for (FindingRow f : findings.findByStateIn(EnumSet.of(FindingState.PENDING, FindingState.OPEN))) {
                    if (f.acceptedBy != null && f.acceptedBy.startsWith(mark)) {
                        f.acceptedBy = null;
                    }
                }
                uses.deleteById(Acceptance.source(id));
            }
            return row.acceptance();
        });
    }

    @Transactional(readOnly = true)
    public Optional<Acceptance> get(long id) {
        return acceptances.findById(id).map(AcceptanceRow::acceptance);
    }

    /** Every acceptance, newest first, with what it covers now. */
    @Transactional(readOnly = true)
    public List<Listed> list() {
        LocalDate today = today();
        List<LedgerEntry> open = findings.findByStateIn(EnumSet.of(FindingState.PENDING, FindingState.OPEN)).stream()
                .map(FindingRow::entry).toList();
        Map<String, Instant> matched = new HashMap<>();
        uses.findAll().forEach(u -> matched.put(u.key, u.lastMatched));
        List<Listed> out = new ArrayList<>();
        for (AcceptanceRow row : acceptances.findAllByOrderByIdDesc()) {
            Acceptance a = row.acceptance();
            int matching = 0;
            List<String> fileWins = new ArrayList<>();
            if (a.inForce(today)) {
                for (LedgerEntry f : open) {
                    if (a.matches(f)) {
                        matching++;
                        String by = sourceOf(f.acceptedBy());
                        if (by != null && !by.startsWith("acceptance #")) {
                            fileWins.add(by);
                        }
                    }
                }
            }
            out.add(new Listed(a, a.status(today), matching, fileWins.stream().distinct().sorted().toList(),
                    matched.get(a.source())));
        }
        return out;
    }

    /** The acceptances in force on {@code today}, as entries applied after the file's. */
    @Transactional(readOnly = true)
    public List<AcceptedDeviations.Entry> inForce(LocalDate today) {
        return acceptances.findByRemovedAtIsNullAndExpiresGreaterThanEqualOrderByIdAsc(today).stream()
                .map(r -> r.acceptance().entry()).toList();
    }

    /** The dashboard acceptances that also match a finding the file's entry accepted (which wins). */
    @Transactional(readOnly = true)
    public List<Acceptance> alsoMatching(LedgerEntry f) {
        return acceptances.findByRemovedAtIsNullAndExpiresGreaterThanEqualOrderByIdAsc(today()).stream()
                .map(AcceptanceRow::acceptance).filter(a -> a.matches(f)).toList();
    }

    /**
     * The acceptances in force, in the format of {@code maildrift-accepted.yml}, to move them into version control:
     * the file accepts them as they are (its {@code accepted:} list).
     */
    @Transactional(readOnly = true)
    public String exportYaml(String site) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (AcceptanceRow row : acceptances.findByRemovedAtIsNullAndExpiresGreaterThanEqualOrderByIdAsc(today())) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rule", row.rule);
            if (row.host != null) {
                e.put("host", row.host);
            }
            if (row.subject != null) {
                e.put("subject", row.subject);
            }
            e.put("reason", row.reason);
            e.put("owner", row.owner);
            e.put("expires", row.expires.toString());
            entries.add(e);
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("accepted", entries);
        String yaml = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES).build().writeValueAsString(top);
        return "# " + AcceptedLoader.FILE_NAME + ": the " + entries.size() + " acceptances in force on the dashboard"
                + (site == null ? "" : " of " + site) + ", exported " + today() + ".\n"
                + "# Add the entries under accepted: to the file beside the inventory, then remove them on the"
                + " dashboard.\n" + yaml;
    }

    /**
     * Notes which accepted deviations in force matched something in this check, and returns the
     * {@value AcceptedDeviations#STALE} notices for those that have matched nothing for
     * {@value AcceptedDeviations#STALE_DAYS} days. Entries no longer in force are forgotten.
     */
    @Transactional
    public List<Finding> recordUse(AcceptedDeviations applied, AcceptedDeviations.Applied result, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, AcceptanceUseRow> known = new HashMap<>();
        uses.findAll().forEach(u -> known.put(u.key, u));
        java.util.Set<AcceptedDeviations.Entry> unmatched = new java.util.HashSet<>();
        result.unmatched().forEach(u -> unmatched.add(u.entry()));
        java.util.Set<String> inForce = new java.util.HashSet<>();
        List<Finding> stale = new ArrayList<>();
        for (AcceptedDeviations.Entry e : applied.entries()) {
            if (e.expiredOn(today)) {
                continue;
            }
            String key = key(e);
            if (!inForce.add(key)) {
                continue;
            }
            AcceptanceUseRow use = known.get(key);
            if (use == null) {
                use = uses.save(new AcceptanceUseRow(key, now));
            }
            if (!unmatched.contains(e)) {
                use.lastMatched = now;
            } else if (!use.quietSince().isAfter(now.minus(Duration.ofDays(AcceptedDeviations.STALE_DAYS)))) {
                stale.add(applied.stale(e, LocalDate.ofInstant(use.quietSince(), ZoneOffset.UTC)));
            }
        }
        known.keySet().stream().filter(k -> !inForce.contains(k)).forEach(uses::deleteById);
        return stale;
    }

    /** A file entry by what it matches (its line may move); a dashboard one by its ID. */
    static String key(AcceptedDeviations.Entry e) {
        String k = e.source() != null ? e.source()
                : "file|" + e.rule() + "|" + (e.host() == null ? "" : e.host()) + "|"
                        + (e.subject() == null ? "" : e.subject());
        return k.length() > 1000 ? k.substring(0, 1000) : k;
    }

    /**
     * What accepted a finding, from its ledger text: "acceptance #12", or the file and line such as
     * "maildrift-accepted.yml:3"; null when it is not accepted.
     */
    public static String sourceOf(String acceptedBy) {
        if (acceptedBy == null) {
            return null;
        }
        int end = acceptedBy.indexOf(": ");
        return end < 0 ? acceptedBy : acceptedBy.substring(0, end);
    }

    static String ledgerText(Acceptance a) {
        return a.source() + ": " + a.reason() + " (" + a.owner() + ", until " + a.expires() + ")";
    }

    private static String describe(Acceptance a) {
        return "rule " + a.rule() + ", host " + (a.host() == null ? "*" : a.host()) + ", subject "
                + (a.subject() == null ? "*" : a.subject());
    }

    private static String text(String s, int max, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new BadAcceptance(field, "longer than " + max + " characters");
        }
        if (t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadAcceptance(field, "contains control characters");
        }
        return t;
    }
}
