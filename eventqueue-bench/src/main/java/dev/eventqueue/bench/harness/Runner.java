package dev.eventqueue.bench.harness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs cases: set up, warm-up runs, the measured runs, tear down; a failing case is reported, not
 * fatal. Consecutive cases of one {@link Case#interleaveGroup() group} take their measured runs in
 * turn, so that a machine getting faster or slower during the group weighs on every row alike.
 */
public final class Runner {

    private final int runs;
    private final Progress progress;
    private final Set<String> firstOfKind = new HashSet<>();

    public Runner(int runs, Progress progress) {
        this.runs = runs;
        this.progress = progress;
    }

    public List<CaseResult> runAll(List<? extends Case> cases) {
        List<CaseResult> results = new ArrayList<>();
        int start = 0;
        while (start < cases.size()) {
            String group = cases.get(start).interleaveGroup();
            int end = start + 1;
            while (group != null
                    && end < cases.size()
                    && group.equals(cases.get(end).interleaveGroup())) {
                end++;
            }
            results.addAll(runInTurn(cases, start, end));
            start = end;
        }
        return results;
    }

    /** Cases {@code from} (inclusive) to {@code to}: each set up and warmed up, then run 1 of each, run 2 of each... */
    private List<CaseResult> runInTurn(List<? extends Case> cases, int from, int to) {
        List<Running> group = new ArrayList<>();
        try {
            for (int i = from; i < to; i++) {
                Running running = new Running(cases.get(i), i + 1, cases.size());
                group.add(running);
                running.setUpAndWarmUp();
            }
            for (int run = 1; run <= runs; run++) {
                for (Running running : group) {
                    running.measure(run);
                }
            }
        } finally {
            for (Running running : group) {
                running.tearDown();
            }
        }
        return group.stream().map(running -> running.result).toList();
    }

    /** One case on its way through the runner. */
    private final class Running {
        private final Case measured;
        private final CaseResult result;
        private final String prefix;

        Running(Case measured, int index, int total) {
            this.measured = measured;
            this.result = new CaseResult(measured);
            this.prefix = String.format(Locale.ROOT, "(%d/%d) %s", index, total, measured.describe());
        }

        void setUpAndWarmUp() {
            attempt(() -> {
                progress.line("%s: setting up", prefix);
                measured.setUp();
                // The first case of a kind also pays for JIT compilation of its code paths: warm it up twice.
                int warmUps = firstOfKind.add(measured.warmUpKind()) ? 2 : 1;
                for (int warmUp = 1; warmUp <= warmUps; warmUp++) {
                    progress.line("%s: warm-up %s", prefix, measured.run(true));
                }
            });
        }

        void measure(int run) {
            attempt(() -> {
                Metrics metrics = measured.run(false);
                result.add(metrics);
                progress.line("%s: run %d/%d %s", prefix, run, runs, metrics);
            });
        }

        void tearDown() {
            try {
                measured.tearDown();
            } catch (Exception e) {
                progress.line("%s: tear-down failed %s", prefix, e);
            }
        }

        /** Runs a step unless the case already failed; a failure ends the case, not the benchmark. */
        private void attempt(Step step) {
            if (result.error() != null) {
                return;
            }
            try {
                step.run();
            } catch (Exception | OutOfMemoryError e) {
                result.fail(describe(e));
                progress.line("%s: FAILED %s", prefix, describe(e));
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" / caused by ").append(cause);
        }
        return text.toString();
    }
}
