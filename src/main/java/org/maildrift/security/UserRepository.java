package org.maildrift.security;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Dashboard and API users. */
interface UserRepository extends JpaRepository<UserRow, Long> {
    Optional<UserRow> findByUsername(String username);

    long countByRoleAndEnabledTrue(Role role);
}
