package mutual.engine.bundle;

import java.util.List;
import java.util.Map;

/**
 * What became of a bundle's event lines so far.
 *
 * @param stored    newly stored
 * @param duplicate already here (or a newer version of a replaceable event is)
 * @param refused   authentic, but turned away by a policy or the store (deleted, expired, NIP-70…)
 * @param invalid   not an event, or not authentic (id or signature wrong): never stored
 * @param failed    the node could not take them (a store error); a later run retries them
 * @param reasons   how many lines per reason, for refused, invalid and failed lines ({@code "invalid: bad signature"})
 * @param examples  the first few invalid lines, so that they can be found in the file
 */
public record Counts(long stored, long duplicate, long refused, long invalid, long failed, Map<String, Long> reasons,
                     List<Example> examples) {
    /** One invalid line: its number among the event lines (the first event is line 1) and why. */
    public record Example(long line, String reason) {}

    public Counts {
        reasons = Map.copyOf(reasons);
        examples = List.copyOf(examples);
    }

    public static Counts none() {
        return new Counts(0, 0, 0, 0, 0, Map.of(), List.of());
    }

    /** Lines with a final outcome. */
    public long total() {
        return stored + duplicate + refused + invalid + failed;
    }
}
