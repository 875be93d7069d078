package mutual.app.cli;

import mutual.store.contract.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/** A fresh database of the test PostgreSQL for each test, dropped after it; tests skip, saying why, where there is none. */
abstract class OnPostgres {
    String url;

    @BeforeEach
    void database() {
        TestPostgres.unreachable().ifPresent(Assumptions::abort);
        url = TestPostgres.createDatabase();
    }

    @AfterEach
    void drop() {
        if (url != null) TestPostgres.dropDatabase(url);
    }
}
