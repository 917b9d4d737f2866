package org.maildrift.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

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

    UserAccounts(UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
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
        if (password.length() < 12) {
            throw new IllegalArgumentException("a password needs at least 12 characters");
        }
        UserRow u = users.findByUsername(username).orElseGet(() -> new UserRow(username, "", role, clock.instant()));
        u.passwordHash = encoder.encode(password);
        u.role = role;
        users.save(u);
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
