package mutual.store;

import java.util.List;

/**
 * Observes what each committed write or purge changed, in commit order, on the writer's thread
 * right after the commit: what an in-memory index (the NIP-77 sync index) needs to stay equal
 * to the store without scanning it again. Must be quick and must not write to the store.
 */
@FunctionalInterface
public interface ChangeListener {
    void changed(List<KeyChange> changes);
}
