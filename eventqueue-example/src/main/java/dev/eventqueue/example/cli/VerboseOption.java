package dev.eventqueue.example.cli;

import dev.eventqueue.example.Logging;
import picocli.CommandLine.Option;

/** {@code --verbose}, accepted by every command. */
public final class VerboseOption {

    @Option(
            names = {"-v", "--verbose"},
            description = "Show the library's log messages and, on errors, the full stack trace.")
    void setVerbose(boolean verbose) {
        Logging.setVerbose(verbose);
    }
}
