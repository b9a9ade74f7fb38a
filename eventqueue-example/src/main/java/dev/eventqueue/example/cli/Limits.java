package dev.eventqueue.example.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Validation of numeric options, reported as usage errors. */
final class Limits {

    private Limits() {}

    static int positive(CommandSpec spec, String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, but was " + value);
        }
        return value;
    }

    static int notNegative(CommandSpec spec, String option, int value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), option + " must be 0 or more, but was " + value);
        }
        return value;
    }
}
