package mutual.store.sqlite;

import java.util.List;
import mutual.protocol.filter.Filter;
import mutual.store.Answer;
import mutual.store.Viewer;

/** What the store contract's tests may reach inside the SQLite store. */
public final class SqliteTestAccess {
    private SqliteTestAccess() {}

    public static Answer answer(SqliteStore s, List<Filter> filters, Viewer viewer, int maxLimit, long prefetchBytes) {
        return s.answer(filters, viewer, maxLimit, prefetchBytes);
    }
}
