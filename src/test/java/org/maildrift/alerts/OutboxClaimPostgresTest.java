package org.maildrift.alerts;

import org.junit.jupiter.api.BeforeAll;
import org.maildrift.testsupport.PostgresServer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same race against a real PostgreSQL, where instances really share one database. */
@DirtiesContext
@org.springframework.context.annotation.Import(OutboxClaimTest.Clocks.class)
class OutboxClaimPostgresTest extends OutboxClaimTest {

    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        if (postgres == null) {
            postgres = PostgresServer.start();
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
