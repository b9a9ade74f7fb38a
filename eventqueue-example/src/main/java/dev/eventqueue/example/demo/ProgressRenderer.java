package dev.eventqueue.example.demo;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/** Shows a running demo's {@link Progress}: in place on a terminal, as plain lines otherwise. */
interface ProgressRenderer {

    void update(Progress progress);

    /** The last update; leaves the cursor on a fresh line. */
    void finish(Progress progress);

    /** ANSI in place when stdout is an interactive terminal and plain output was not asked for. */
    static ProgressRenderer choose(PrintStream out, boolean plainRequested) {
        return !plainRequested && isInteractiveTerminal() ? new InPlace(out) : new Lines(out);
    }

    private static boolean isInteractiveTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        // From JDK 22, System.console() exists even when output is redirected; isTerminal() tells.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Rewrites one line with carriage return and erase-line. */
    final class InPlace implements ProgressRenderer {
        private final PrintStream out;

        InPlace(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(Progress progress) {
            out.print("\r\033[2K" + progress.line());
            out.flush();
        }

        @Override
        public void finish(Progress progress) {
            update(progress);
            out.println();
        }
    }

    /** A new line when something changed, at most once a second, for logs and pipes. */
    final class Lines implements ProgressRenderer {
        private static final long MIN_GAP_NANOS = 1_000_000_000L;

        private final PrintStream out;
        private String lastState;
        private long lastPrinted;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void update(Progress progress) {
            long now = System.nanoTime();
            if (progress.state().equals(lastState) || (lastState != null && now - lastPrinted < MIN_GAP_NANOS)) {
                return;
            }
            print(progress, now);
        }

        @Override
        public void finish(Progress progress) {
            if (!progress.state().equals(lastState)) {
                print(progress, System.nanoTime());
            }
        }

        private void print(Progress progress, long now) {
            out.println(progress.line());
            out.flush();
            lastState = progress.state();
            lastPrinted = now;
        }
    }
}
