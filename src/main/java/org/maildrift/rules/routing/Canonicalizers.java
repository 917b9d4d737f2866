package org.maildrift.rules.routing;

import java.util.List;

import org.maildrift.rules.Evidence;

/** Which inventory hosts rewrite a recipient domain through its CNAME when they send mail. */
final class Canonicalizers {

    private Canonicalizers() {
    }

    static String describe(Evidence evidence, String domain) {
        List<String> hosts = evidence.hosts().stream()
                .filter(h -> h.names().errors().isEmpty() && h.names().canonicalizes(domain))
                .map(h -> h.id() + " (" + h.host().mta().label() + ")").toList();
        if (hosts.isEmpty()) {
            return "no inventory host canonicalizes " + domain + ", but sendmail does by default and other senders may";
        }
        return "inventory hosts that rewrite " + domain + " to its canonical name when sending: "
                + String.join(", ", hosts);
    }
}
