package dev.eventqueue.example.cli;

import dev.eventqueue.example.Logging;
import dev.eventqueue.example.store.DatabaseProbe;
import dev.eventqueue.example.store.StoreUnavailableException;
import dev.eventqueue.monitoring.SecretMasking;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr, "eventqueue stats: what went wrong", and an exit
 * code from {@link ExitCodes}. The stack trace follows only with {@code --verbose}.
 */
final class ErrorReporting implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        if (Logging.isVerbose()) {
            ex.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        int exitCode;
        if (ex instanceof CliException cli) {
            err.println(name + ": " + cli.getMessage());
            exitCode = cli.exitCode();
        } else if (ex instanceof StoreUnavailableException store) {
            err.println(name + ": " + store.getMessage());
            exitCode = ExitCodes.FAILURE;
        } else {
            err.println(name + ": failed: " + describe(ex));
            exitCode = ExitCodes.FAILURE;
        }
        if (Logging.isVerbose()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** The exception's message with its causes' messages, on one line, secrets masked. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(messageOf(error));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 4; depth++, cause = cause.getCause()) {
            String message = messageOf(cause);
            if (!text.toString().contains(message)) {
                text.append(": ").append(message);
            }
        }
        return SecretMasking.mask(text.toString());
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : DatabaseProbe.oneLine(message);
    }
}
