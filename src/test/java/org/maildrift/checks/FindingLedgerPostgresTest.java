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

    @BeforeAll
    static void startPostgres() throws Exception {
        PostgresServer.shared();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresServer.register(registry);
    }
}
