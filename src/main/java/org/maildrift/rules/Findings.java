package org.maildrift.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a rule reports. {@link #each} runs the rule's check once per subject and turns an
 * {@link InconclusiveException} into an inconclusive result for that subject alone.
 */
public final class Findings {

    private final List<Drift> drifts = new ArrayList<>();
    private final List<Inconclusive> inconclusive = new ArrayList<>();

    public void report(Drift drift) {
        drifts.add(drift);
    }

    public <T> void each(Collection<T> subjects, Consumer<T> check) {
        for (T subject : subjects) {
            try {
                check.accept(subject);
            } catch (InconclusiveException e) {
                inconclusive.add(e.inconclusive());
            }
        }
    }

    /** One subject the rule cannot conclude on, while it goes on with the others. */
    public void inconclusive(Inconclusive i) {
        inconclusive.add(i);
    }

    List<Drift> drifts() {
        return drifts;
    }

    /** What could not be concluded so far. */
    public List<Inconclusive> inconclusiveResults() {
        return inconclusive;
    }
}
