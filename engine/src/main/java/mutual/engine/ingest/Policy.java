package mutual.engine.ingest;

import java.util.function.Function;

/**
 * One admission rule. Rules run in order after the signature check; the first one that does not
 * accept decides. A rule that throws fails closed: the event is rejected with {@code error:}.
 */
@FunctionalInterface
public interface Policy {
    Verdict check(Candidate candidate);

    /** A name for logs and for the reason given when the rule fails. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** A named rule from a function, the usual way to write one. */
    static Policy of(String name, Function<Candidate, Verdict> rule) {
        return new Policy() {
            @Override
            public Verdict check(Candidate candidate) {
                return rule.apply(candidate);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return "Policy[" + name + "]";
            }
        };
    }
}
