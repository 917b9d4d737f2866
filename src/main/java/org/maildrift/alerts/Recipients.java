package org.maildrift.alerts;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.maildrift.rules.Severity;

/**
 * Who is told about what: the default recipients for every finding at or above the minimum severity,
 * plus each route's recipients for its hosts and severity. Addresses are checked once, strictly, so
 * that nothing but a single plain address ever reaches a header.
 */
final class Recipients {

    private record Target(Set<String> to, Set<String> hosts, Severity min) {
    }

    private final List<Target> targets;
    private final Severity min;

    Recipients(AlertProperties properties) {
        this.min = Severity.parse(properties.minSeverity());
        List<Target> out = new java.util.ArrayList<>();
        if (!properties.to().isEmpty()) {
            out.add(new Target(addresses(properties.to(), "maildrift.alerts.to"), Set.of(), min));
        }
        for (int i = 0; i < properties.routes().size(); i++) {
            AlertProperties.Route r = properties.routes().get(i);
            Set<String> hosts = new TreeSet<>();
            r.hosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
            out.add(new Target(addresses(r.to(), "maildrift.alerts.routes[" + i + "].to"), hosts,
                    r.minSeverity().isBlank() ? min : Severity.parse(r.minSeverity())));
        }
        for (int i = 0; i < properties.webhooks().size(); i++) {
            AlertProperties.Webhook w = properties.webhooks().get(i);
            Set<String> hosts = new TreeSet<>();
            w.hosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
            out.add(new Target(Set.of(WEBHOOK + i), hosts, w.minSeverity().isBlank() ? min : Severity.parse(w.minSeverity())));
        }
        this.targets = List.copyOf(out);
    }

    /** The outbox's recipient for webhook N is "webhook:N": its URL (which may carry a token) is never stored. */
    static final String WEBHOOK = "webhook:";

    static boolean isWebhook(String recipient) {
        return recipient.startsWith(WEBHOOK);
    }

    /** The lowest severity anyone is told about. */
    Severity lowest() {
        Severity lowest = min;
        for (Target t : targets) {
            if (!t.min().atLeast(lowest)) {
                lowest = t.min();
            }
        }
        return lowest;
    }

    /** Who hears about a finding of this severity on this host (null: no host), sorted. */
    Set<String> forFinding(Severity severity, String host) {
        Set<String> out = new TreeSet<>();
        for (Target t : targets) {
            if (severity.atLeast(t.min()) && (t.hosts().isEmpty()
                    || host != null && t.hosts().contains(host.toLowerCase(Locale.ROOT)))) {
                out.addAll(t.to());
            }
        }
        return out;
    }

    /** Who hears about something on this host whatever its severity (null: everyone). */
    Set<String> forHost(String host) {
        Set<String> out = new TreeSet<>();
        for (Target t : targets) {
            if (host == null || t.hosts().isEmpty() || t.hosts().contains(host.toLowerCase(Locale.ROOT))) {
                out.addAll(t.to());
            }
        }
        return out;
    }

    Set<String> everyone() {
        return forHost(null);
    }

    boolean none() {
        return targets.isEmpty();
    }

    private static Set<String> addresses(List<String> given, String property) {
        Set<String> out = new TreeSet<>();
        for (String a : given) {
            out.add(address(a, property));
        }
        return out;
    }

    /** One plain address (no display name, no list, no control characters), lower-cased domain kept as given. */
    static String address(String given, String property) {
        String a = given == null ? "" : given.strip();
        if (a.isEmpty() || a.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || a.contains(",") || a.contains("<")) {
            throw new IllegalArgumentException(property + ": '" + printable(a) + "' is not a plain e-mail address");
        }
        try {
            InternetAddress parsed = new InternetAddress(a, true);
            parsed.validate();
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(property + ": '" + printable(a) + "' is not a valid e-mail address ("
                    + e.getMessage() + ")");
        }
    }

    private static String printable(String s) {
        return org.maildrift.files.Printable.of(s, 200);
    }
}
