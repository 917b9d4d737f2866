package org.maildrift.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.maildrift.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-host agent tokens: 256 random bits, shown once, stored as SHA-256 (a slow hash adds nothing for
 * secrets this long), bound to one host, revocable.
 */
@Service
public class AgentTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A newly issued token; {@code token} is not stored and cannot be shown again. */
    public record Issued(long id, String host, String token) {
    }

    /** A token as listed: when it was issued and revoked, never the token or its hash. */
    public record Listed(long id, String host, java.time.Instant createdAt, java.time.Instant revokedAt) {
    }

    private final AgentTokenRepository tokens;
    private final Clock clock;
    private final AuditTrail audit;

    AgentTokens(AgentTokenRepository tokens, Clock clock, AuditTrail audit) {
        this.tokens = tokens;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public java.util.List<Listed> list(String host) {
        return tokens.findByHostOrderByIdAsc(host).stream()
                .map(r -> new Listed(r.id, r.host, r.createdAt, r.revokedAt)).toList();
    }

    @Transactional
    public Issued issue(String host) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "mdt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AgentTokenRow row = tokens.save(new AgentTokenRow(host, hash(token), clock.instant()));
        audit.record("token.issued", host, "token " + row.id);
        return new Issued(row.id, host, token);
    }

    /** Revokes a token of {@code host}; false when there is no such token. */
    @Transactional
    public boolean revoke(String host, long id) {
        Optional<AgentTokenRow> row = tokens.findById(id).filter(r -> r.host.equals(host));
        row.ifPresent(r -> {
            r.revokedAt = clock.instant();
            audit.record("token.revoked", host, "token " + id);
        });
        return row.isPresent();
    }

    /** The host a valid, unrevoked token belongs to. */
    @Transactional(readOnly = true)
    public Optional<String> hostOf(String token) {
        if (token == null || !token.startsWith("mdt_") || token.length() > 100) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(token)).filter(r -> r.revokedAt == null).map(r -> r.host);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
