package dev.eventqueue.example.cli;

import dev.eventqueue.example.Logging;
import dev.eventqueue.example.store.DatabaseProbe;
import dev.eventqueue.example.store.StoreUnavailableException;
import dev.eventqueue.monitoring.SecretMasking;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr, "eventqueue stats: what went wrong", and an exit
 * code from {@link ExitCodes}. The stack trace follows only with {@code --verbose}. With
 * {@code --json} the failure is also printed as one JSON object on stdout, for scripts.
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
        if (Arrays.asList(args).contains("--json")) {
            printJson(command, ex.getMessage(), ExitCodes.USAGE);
        }
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
        if (parseResult.originalArgs().contains("--json")) {
            printJson(
                    command,
                    ex instanceof CliException || ex instanceof StoreUnavailableException
                            ? ex.getMessage()
                            : "failed: " + describe(ex),
                    exitCode);
        }
        return exitCode;
    }

    /**
     * With --json a failure is data too: one object on stdout with the status, the error and the
     * exit code. For health the status is DOWN, as a reachable store's health would say it.
     */
    private static void printJson(CommandLine command, String error, int exitCode) {
        Map<String, Object> json = new LinkedHashMap<>();
        boolean health = command.getCommandName().equals("health") && exitCode == ExitCodes.FAILURE;
        json.put("status", health ? "DOWN" : "error");
        json.put("error", DatabaseProbe.oneLine(error));
        json.put("exitCode", exitCode);
        JsonOutput.print(command.getOut(), json);
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
