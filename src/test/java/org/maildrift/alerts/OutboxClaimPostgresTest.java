package org.maildrift.alerts;

import org.junit.jupiter.api.BeforeAll;
import org.maildrift.testsupport.MutableClock;
import org.maildrift.testsupport.PostgresServer;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same race against a real PostgreSQL, where instances really share one database. */
@DirtiesContext
@Import(MutableClock.Configuration.class)
class OutboxClaimPostgresTest extends OutboxClaimTest {

    @BeforeAll
    static void startPostgres() throws Exception {
        PostgresServer.shared();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresServer.register(registry);
    }
}
