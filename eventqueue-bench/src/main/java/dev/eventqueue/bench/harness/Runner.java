package dev.eventqueue.bench.harness;

import java.util.ArrayList;
import java.util.List;

/** Runs cases: set up, one warm-up run, the measured runs, tear down; a failing case is reported, not fatal. */
public final class Runner {

    private final int runs;
    private final Progress progress;
    private final java.util.Set<String> firstOfKind = new java.util.HashSet<>();

    public Runner(int runs, Progress progress) {
        this.runs = runs;
        this.progress = progress;
    }

    public List<CaseResult> runAll(List<? extends Case> cases) {
        List<CaseResult> results = new ArrayList<>();
        int index = 0;
        for (Case measured : cases) {
            index++;
            results.add(run(measured, index, cases.size()));
        }
        return results;
    }

    private CaseResult run(Case measured, int index, int total) {
        CaseResult result = new CaseResult(measured);
        String name = measured.describe();
        try {
            progress.line("(%d/%d) %s: setting up", index, total, name);
            measured.setUp();
            // The first case of a kind also pays for JIT compilation of its code paths: warm it up twice.
            int warmUps = firstOfKind.add(measured.warmUpKind()) ? 2 : 1;
            for (int warmUp = 1; warmUp <= warmUps; warmUp++) {
                progress.line("(%d/%d) %s: warm-up %s", index, total, name, measured.run(true));
            }
            for (int run = 1; run <= runs; run++) {
                Metrics metrics = measured.run(false);
                result.add(metrics);
                progress.line("(%d/%d) %s: run %d/%d %s", index, total, name, run, runs, metrics);
            }
        } catch (Exception | OutOfMemoryError e) {
            result.fail(describe(e));
            progress.line("(%d/%d) %s: FAILED %s", index, total, name, describe(e));
        } finally {
            try {
                measured.tearDown();
            } catch (Exception e) {
                progress.line("(%d/%d) %s: tear-down failed %s", index, total, name, e);
            }
        }
        return result;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" / caused by ").append(cause);
        }
        return text.toString();
    }
}
