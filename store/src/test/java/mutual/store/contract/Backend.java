package mutual.store.contract;

/** The stores the contract runs against. */
public enum Backend {
    SQLITE, POSTGRESQL
}
