package org.maildrift.rules.routing;

import java.util.List;

import org.maildrift.rules.Evidence;
import org.maildrift.rules.Step;

/** Which inventory hosts rewrite a recipient domain through its CNAME when they send mail. */
final class Canonicalizers {

    private Canonicalizers() {
    }

    static Step describe(Evidence evidence, String domain) {
        List<String> hosts = evidence.hosts().stream()
                .filter(h -> h.names().errors().isEmpty() && h.names().canonicalizes(domain))
                .map(h -> h.id() + " (" + h.host().mta().label() + ")").toList();
        if (hosts.isEmpty()) {
            return new Step.Note("no inventory host canonicalizes " + domain + ", but sendmail does by default and other"
                    + " senders may", List.of(domain));
        }
        return new Step.Note("inventory hosts that rewrite " + domain + " to its canonical name when sending: "
                + String.join(", ", hosts), List.of(domain));
    }
}
