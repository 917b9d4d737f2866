package org.maildrift.agents;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "agent_token")
class AgentTokenRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "host_id")
    String host;
    @Column(name = "token_hash")
    String hash;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "revoked_at")
    Instant revokedAt;

    protected AgentTokenRow() {
    }

    AgentTokenRow(String host, String hash, Instant createdAt) {
        this.host = host;
        this.hash = hash;
        this.createdAt = createdAt;
    }
}
