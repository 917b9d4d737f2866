package org.maildrift.rules.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.maildrift.mta.model.MailAliases;

/**
 * Where mail to a local name ends, followed through aliases(5) entries and :include: files; Exim's redirect
 * items :blackhole: (thrown away), :fail: and :defer: (refused) too.
 */
final class AliasReach {

    private static final int MAX_DEPTH = 20;

    enum Kind {
        MAILBOX(true), EXTERNAL(true), FILE(true), PROGRAM(true),
        DISCARD(false), REFUSED(false), LOOP(false), UNKNOWN_USER(false), EMPTY(false), UNREADABLE(false);

        final boolean reaches;

        Kind(boolean reaches) {
            this.reaches = reaches;
        }
    }

    /** One end of the chain, with the chain that led there ("postmaster → root (aliases:4)"). */
    record Leaf(Kind kind, String what, List<String> path) {
        String describe() {
            String chain = String.join(" → ", path);
            return switch (kind) {
                case MAILBOX -> chain + ": the local mailbox of " + what;
                case EXTERNAL -> chain + ": " + what;
                case FILE -> chain + ": the file " + what;
                case PROGRAM -> chain + ": a program";
                case DISCARD -> chain + ": " + what + ", where mail is thrown away";
                case REFUSED -> chain + ": " + what + ", which makes the MTA refuse the mail (Exim redirect)";
                case LOOP -> chain + ": back to " + what + " (a loop; the MTA bounces or defers the mail)";
                case UNKNOWN_USER -> chain + ": " + what + ", which is neither an alias nor a user in /etc/passwd";
                case EMPTY -> chain + ": an alias with no target";
                case UNREADABLE -> chain + ": :include:" + what + ", which cannot be read";
            };
        }
    }

    private final MailAliases aliases;

    AliasReach(MailAliases aliases) {
        this.aliases = aliases;
    }

    /** The ends of mail to {@code target} (a local name, an address, a file or a program). */
    List<Leaf> resolve(String target) {
        List<Leaf> out = new ArrayList<>();
        target(target.strip(), new ArrayList<>(), out, 0);
        return out;
    }

    private void target(String t, List<String> path, List<Leaf> out, int depth) {
        if (depth > MAX_DEPTH) {
            out.add(new Leaf(Kind.LOOP, t, path));
            return;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals(":blackhole:")) {
            out.add(new Leaf(Kind.DISCARD, ":blackhole:", path));
        } else if (lower.startsWith(":fail:") || lower.startsWith(":defer:")) {
            out.add(new Leaf(Kind.REFUSED, lower.startsWith(":fail:") ? ":fail:" : ":defer:", path));
        } else if (t.startsWith("|")) {
            out.add(new Leaf(Kind.PROGRAM, t, path));
        } else if (t.regionMatches(true, 0, ":include:", 0, 9)) {
            String file = t.substring(9).strip();
            List<String> inc = aliases.includes().get(file);
            if (inc == null) {
                out.add(new Leaf(Kind.UNREADABLE, file, path));
                return;
            }
            List<String> p = new ArrayList<>(path);
            p.add(":include:" + file);
            if (inc.isEmpty()) {
                out.add(new Leaf(Kind.EMPTY, file, p));
            }
            for (String x : inc) {
                target(x, p, out, depth + 1);
            }
        } else if (t.startsWith("/")) {
            out.add(new Leaf(t.equals("/dev/null") ? Kind.DISCARD : Kind.FILE, t.equals("/dev/null")
                    ? "/dev/null" : t, path));
        } else if (t.indexOf('@') > 0) {
            out.add(new Leaf(Kind.EXTERNAL, t, path));
        } else {
            local(t, path, out, depth);
        }
    }

    private void local(String nameText, List<String> path, List<Leaf> out, int depth) {
        boolean noAlias = nameText.startsWith("\\");
        String name = (noAlias ? nameText.substring(1) : nameText).toLowerCase(Locale.ROOT);
        MailAliases.Entry e = noAlias ? null : aliases.entries().get(name);
        List<String> p = new ArrayList<>(path);
        if (e == null) {
            p.add(name);
            boolean user = aliases.users() == null || aliases.users().contains(name);
            out.add(new Leaf(user ? Kind.MAILBOX : Kind.UNKNOWN_USER, name, p));
            return;
        }
        String here = name + " (" + e.file() + ":" + e.line() + ")";
        if (path.stream().anyMatch(x -> x.equals(here))) {
            out.add(new Leaf(Kind.LOOP, name, p));
            return;
        }
        p.add(here);
        if (e.targets().isEmpty()) {
            out.add(new Leaf(Kind.EMPTY, name, p));
        }
        for (String x : e.targets()) {
            // an alias that names itself delivers to its own mailbox (root: root, admin@example.org)
            if (x.equalsIgnoreCase(name) || x.equalsIgnoreCase("\\" + name)) {
                List<String> q = new ArrayList<>(p);
                boolean user = aliases.users() == null || aliases.users().contains(name);
                out.add(new Leaf(user ? Kind.MAILBOX : Kind.UNKNOWN_USER, name, q));
                continue;
            }
            target(x, p, out, depth + 1);
        }
    }
}
