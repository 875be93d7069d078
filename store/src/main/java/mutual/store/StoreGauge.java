package mutual.store;

import java.util.function.DoubleSupplier;

/**
 * A figure a store keeps about itself, shown on the node's {@code /metrics} as
 * {@code mutual_store_<name>} (dots become underscores): how full its connection pool is, say.
 */
public record StoreGauge(String name, String description, DoubleSupplier value) {}
