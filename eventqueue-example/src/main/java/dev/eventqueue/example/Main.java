package dev.eventqueue.example;

import dev.eventqueue.example.cli.EventQueueCommand;

/**
 * {@code java -jar eventqueue-example.jar <command>}: the demo ({@code demo}) and the operator
 * CLI ({@code stats}, {@code health}, {@code failed}, {@code retry-failed}, {@code cleanup},
 * {@code audit}). Exit codes: see {@link dev.eventqueue.example.cli.ExitCodes}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(EventQueueCommand.commandLine().execute(args));
    }
}
