package org.maildrift.agents;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Agent tokens by their hash. */
interface AgentTokenRepository extends JpaRepository<AgentTokenRow, Long> {
    Optional<AgentTokenRow> findByHash(String hash);

    java.util.List<AgentTokenRow> findByHostOrderByIdAsc(String host);
}
