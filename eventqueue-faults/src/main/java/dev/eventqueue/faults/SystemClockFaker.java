package dev.eventqueue.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds libfaketime, which skews a whole process's wall clock; the clock-skew scenario uses it when present. */
final class SystemClockFaker {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"),
            Path.of("/usr/local/lib/faketime/libfaketime.so.1"));

    private SystemClockFaker() {}

    static boolean available() {
        return CANDIDATES.stream().anyMatch(Files::isReadable);
    }

    static Path library() {
        return CANDIDATES.stream()
                .filter(Files::isReadable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("libfaketime is not installed"));
    }
}
