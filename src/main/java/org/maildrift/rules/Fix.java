package org.maildrift.rules;

/**
 * How to fix a finding: the words people read, the file and line to change (null when there is none),
 * and, where a rule can say it as data, the action (a pre-change check writes it as a change-set entry).
 */
public record Fix(String words, Location location, Action action) {

    public Fix(String words, Location location) {
        this(words, location, null);
    }

    /** What a fix does, as data. */
    public sealed interface Action {

        /** Make {@code host} accept {@code name}. */
        record AcceptName(String host, String name) implements Action {
        }

        /** Make {@code host} stop accepting {@code name}. */
        record DropName(String host, String name) implements Action {
        }

        /** {@code host} calls itself {@code name}, which does not resolve to it: give it a name that does. */
        record ConfirmHostname(String host, String name) implements Action {
        }

        /** The watched alias {@code name} points at a target that does not exist: point it elsewhere. */
        record RepointAlias(String name) implements Action {
        }

        /**
         * The MTA-STS policy of {@code domain} must list {@code exchange}, with its id changed; senders keep the
         * policy they cached for up to {@code maxAgeSeconds}, so the exchange is safe only that long after.
         */
        record RefreshStsPolicy(String domain, String exchange, long maxAgeSeconds) implements Action {
        }
    }
}
