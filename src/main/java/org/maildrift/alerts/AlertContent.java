package org.maildrift.alerts;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.maildrift.rules.Severity;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an alert e-mail from its items: a subject with the site, severities and counts, and the same
 * content as HTML and plain text (templates {@code templates/mail/alert.html} and {@code alert.txt}).
 * Every value is escaped by the HTML template; the subject is stripped of anything that could end a
 * header line.
 */
@Component
class AlertContent {

    record Rendered(String subject, String text, String html) {
    }

    /** One section of the e-mail: a kind of news and its items. */
    public record Section(String heading, String kind, List<Line> lines) {
    }

    /** One item as the templates show it. */
    public record Line(String severity, String rule, String host, String subject, String message, String fix,
            List<String> evidence, String location, Instant since, String link) {
    }

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final AlertProperties properties;

    AlertContent(AlertProperties properties) {
        this.properties = properties;
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver(AlertContent.class.getClassLoader());
        r.setPrefix("templates/mail/");
        r.setSuffix(suffix);
        r.setTemplateMode(mode);
        r.setCharacterEncoding("UTF-8");
        r.setCacheable(true);
        SpringTemplateEngine e = new SpringTemplateEngine();
        e.setTemplateResolver(r);
        return e;
    }

    Rendered render(List<AlertItem> items, String site) {
        Map<NoticeKind, List<Line>> byKind = new EnumMap<>(NoticeKind.class);
        Map<NoticeKind, Map<Severity, Integer>> counts = new EnumMap<>(NoticeKind.class);
        String base = properties.dashboardUrl().replaceAll("/+$", "");
        for (AlertItem i : items) {
            String link = i.isFinding() ? base + "/findings/" + i.findingId() : base + "/";
            // a resolved finding needs no fix
            String fix = i.kind() == NoticeKind.RESOLVED ? null : i.fix();
            byKind.computeIfAbsent(i.kind(), k -> new java.util.ArrayList<>()).add(new Line(i.severity(), i.rule(),
                    i.host(), i.subject(), i.message(), fix, i.evidence(), i.location(), i.since(), link));
            if (i.severity() != null) {
                counts.computeIfAbsent(i.kind(), k -> new EnumMap<>(Severity.class))
                        .merge(Severity.parse(i.severity()), 1, Integer::sum);
            }
        }
        List<Section> sections = new java.util.ArrayList<>();
        byKind.forEach((kind, lines) -> sections.add(new Section(kind.heading(), kind.name().toLowerCase(
                java.util.Locale.ROOT), lines)));
        String subject = subject(byKind, counts, site);
        Context ctx = new Context(java.util.Locale.ENGLISH);
        ctx.setVariable("subject", subject);
        ctx.setVariable("sections", sections);
        ctx.setVariable("site", site);
        ctx.setVariable("dashboard", base + "/");
        ctx.setVariable("alertsPage", base + "/alerts");
        return new Rendered(subject, text.process("alert", ctx), html.process("alert", ctx));
    }

    /** For example "[maildrift] demo: 2 new (1 critical, 1 warning), 1 resolved". */
    static String subject(Map<NoticeKind, List<Line>> byKind, Map<NoticeKind, Map<Severity, Integer>> counts,
            String site) {
        StringBuilder b = new StringBuilder("[maildrift] ");
        if (site != null && !site.isBlank()) {
            b.append(site).append(": ");
        }
        Map<NoticeKind, String> words = new LinkedHashMap<>();
        words.put(NoticeKind.BLIND, "cannot see");
        words.put(NoticeKind.NEW, "new");
        words.put(NoticeKind.FLAPPING, "flapping");
        words.put(NoticeKind.REMINDER, "still open");
        words.put(NoticeKind.FLAPPING_STOPPED, "stopped flapping");
        words.put(NoticeKind.SIGHT_RESTORED, "can see again");
        words.put(NoticeKind.RESOLVED, "resolved");
        words.put(NoticeKind.TEST, "test alert");
        List<String> parts = new java.util.ArrayList<>();
        for (Map.Entry<NoticeKind, String> w : words.entrySet()) {
            List<Line> lines = byKind.get(w.getKey());
            if (lines == null) {
                continue;
            }
            if (w.getKey() == NoticeKind.TEST) {
                parts.add("test alert");
                continue;
            }
            StringBuilder p = new StringBuilder().append(lines.size()).append(' ').append(w.getValue());
            Map<Severity, Integer> bySeverity = counts.get(w.getKey());
            if (bySeverity != null && w.getKey() != NoticeKind.RESOLVED) {
                List<String> sev = new java.util.ArrayList<>();
                bySeverity.forEach((s, n) -> sev.add(n + " " + s.label()));
                p.append(" (").append(String.join(", ", sev)).append(')');
            }
            parts.add(p.toString());
        }
        b.append(String.join(", ", parts));
        return header(b.toString(), 200);
    }

    /** A header value: control characters (CR and LF above all) become spaces, runs of space one, at most {@code max}. */
    static String header(String value, int max) {
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                ? ' ' : c));
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
