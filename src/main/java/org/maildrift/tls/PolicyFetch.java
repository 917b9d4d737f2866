package org.maildrift.tls;

/**
 * An MTA-STS policy as fetched: the text and where it came from, or why it could not be had.
 * {@code definite} is true when the failure is a fact about the domain (HTTP 404, a redirect, the wrong
 * content type, a certificate that does not name mta-sts.DOMAIN) rather than a network failure.
 */
public record PolicyFetch(String text, String source, String failure, boolean definite) {

    public static PolicyFetch ok(String text, String source) {
        return new PolicyFetch(text, source, null, true);
    }

    public static PolicyFetch definiteFailure(String source, String why) {
        return new PolicyFetch(null, source, why, true);
    }

    public static PolicyFetch failed(String source, String why) {
        return new PolicyFetch(null, source, why, false);
    }

    public boolean ok() {
        return failure == null;
    }
}
