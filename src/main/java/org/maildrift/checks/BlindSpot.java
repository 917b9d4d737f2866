package org.maildrift.checks;

/**
 * Something a run could not see at all: a DNS view whose every lookup failed, a host whose
 * configuration could not be read, a zone file that could not be read, or the inventory itself.
 * {@code source} is stable across runs ({@code view:NAME}, {@code host:ID}, {@code zone:NAME},
 * {@code inventory}); {@code reason} says what failed.
 */
public record BlindSpot(String source, String reason) {

    public static BlindSpot view(String view, String reason) {
        return new BlindSpot("view:" + view, reason);
    }

    public static BlindSpot host(String hostId, String reason) {
        return new BlindSpot("host:" + hostId, reason);
    }

    public static BlindSpot zone(String zone, String reason) {
        return new BlindSpot("zone:" + zone, reason);
    }

    public static BlindSpot inventory(String reason) {
        return new BlindSpot("inventory", reason);
    }

    /** The view name, host id, or null for the inventory. */
    public String name() {
        int colon = source.indexOf(':');
        return colon < 0 ? null : source.substring(colon + 1);
    }

    public boolean isHost() {
        return source.startsWith("host:");
    }
}
