package org.maildrift.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.maildrift.audit.AuditTrail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's users, stored with hashed passwords. There is no built-in default password: on a first
 * start with no user at all, one admin is created with a random password that is written to the log once
 * (it is not stored anywhere in clear).
 */
@Service
public class UserAccounts implements UserDetailsService {

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final AuditTrail audit;

    UserAccounts(UserRepository users, PasswordEncoder encoder, Clock clock, AuditTrail audit) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
        this.audit = audit;
    }

    /** A change the accounts will not make (the last admin, a weak password); the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserRow u = users.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(u.username).password(u.passwordHash).roles(u.role.name()).disabled(!u.enabled)
                .build();
    }

    /** Creates a user (or replaces its password and role). */
    @Transactional
    public void save(String username, String password, Role role) {
        put(username, password, role, null);
    }

    /**
     * Creates a user (password and role needed) or changes what is given of an existing one; null leaves
     * a field as it is. The last enabled admin can neither lose the role nor be disabled. True when created.
     */
    @Transactional
    public boolean put(String username, String password, Role role, Boolean enabled) {
        Optional<UserRow> existing = users.findByUsername(username);
        if (existing.isEmpty() && (password == null || role == null)) {
            throw new IllegalArgumentException("password and role are required to create a user");
        }
        if (password != null) {
            PasswordPolicy.check(username, password);
        }
        UserRow u = existing.orElseGet(() -> new UserRow(username, "", role, clock.instant()));
        boolean wasActiveAdmin = existing.isPresent() && u.role == Role.ADMIN && u.enabled;
        boolean staysActiveAdmin = (role == null ? u.role : role) == Role.ADMIN && (enabled == null || enabled);
        if (wasActiveAdmin && !staysActiveAdmin && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new Refused("'" + username + "' is the last enabled admin; make another admin first");
        }
        List<String> changed = new ArrayList<>();
        if (password != null) {
            u.passwordHash = encoder.encode(password);
            changed.add("password");
        }
        if (role != null && role != u.role) {
            changed.add("role " + u.role.name().toLowerCase(Locale.ROOT) + " -> " + role.name().toLowerCase(Locale.ROOT));
            u.role = role;
        }
        if (enabled != null && enabled != u.enabled) {
            changed.add(enabled ? "enabled" : "disabled");
            u.enabled = enabled;
        }
        users.save(u);
        if (existing.isEmpty()) {
            audit.record("user.created", username, "role " + u.role.name().toLowerCase(Locale.ROOT));
        } else if (!changed.isEmpty()) {
            audit.record("user.changed", username, String.join(", ", changed));
        }
        return existing.isEmpty();
    }

    /** Deletes a user; false when there is none. The last enabled admin cannot be deleted. */
    @Transactional
    public boolean delete(String username) {
        Optional<UserRow> u = users.findByUsername(username);
        if (u.isEmpty()) {
            return false;
        }
        if (u.get().role == Role.ADMIN && u.get().enabled && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new Refused("'" + username + "' is the last enabled admin; make another admin first");
        }
        users.delete(u.get());
        audit.record("user.deleted", username, null);
        return true;
    }

    /** On a first start: one admin with a random password, logged once. Returns the password, or empty. */
    @Transactional
    public Optional<String> createFirstAdminIfNone() {
        if (users.count() > 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        users.save(new UserRow("admin", encoder.encode(password), Role.ADMIN, clock.instant()));
        LOG.warn("First start: created user 'admin' with the password {} . It is shown only this once; log in and "
                + "keep it safe (docs/operations.md says how to add users and change it).", password);
        return Optional.of(password);
    }
}
