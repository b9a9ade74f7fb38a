package dev.eventqueue.example.cli;

import picocli.CommandLine.Option;

/** {@code --json}. */
final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON (for scripts) instead of text.")
    boolean json;
}
