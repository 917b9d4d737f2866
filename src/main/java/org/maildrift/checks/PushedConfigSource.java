package org.maildrift.checks;

import java.nio.file.Path;
import java.util.Optional;

/** Where the configuration a host's agent pushed last can be read, for hosts with {@code config: agent}. */
public interface PushedConfigSource {

    Optional<Path> latest(String host);

    /** The table answers the host's agent pushed last ({@code postmap -q} on the host), if any. */
    default Optional<Path> tableAnswers(String host) {
        return Optional.empty();
    }

    /** The certificates the host's agent pushed last ({@code tls-chain}), if any. */
    default Optional<Path> tlsChains(String host) {
        return Optional.empty();
    }

    /** The DKIM signer configuration and public keys the host's agent pushed last ({@code dkim}), if any. */
    default Optional<Path> dkim(String host) {
        return Optional.empty();
    }
}
