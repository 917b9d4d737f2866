package org.maildrift.checks;

import org.junit.jupiter.api.BeforeAll;
import org.maildrift.testsupport.PostgresServer;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same migrations and ledger tests against a real PostgreSQL started for this class. */
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@DirtiesContext
class FindingLedgerPostgresTest extends FindingLedgerTest {

    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        if (postgres == null) {
            postgres = PostgresServer.start();
            // stopped when the JVM ends: the Spring context (and its pool) is closed after this class,
            // which is after @AfterAll, and must not find the server gone
            PostgresServer server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl());
        registry.add("spring.datasource.username", () -> "maildrift");
        registry.add("spring.datasource.password", () -> "");
    }
}
