package dev.eventqueue.example;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's log levels. Quiet by default (see logback.xml) so the demo's and the CLI's own
 * output stays readable; {@code --verbose} lets the library's logs and stack traces through.
 */
public final class Logging {

    private static volatile boolean verbose;
    /**
     * The NATS client logs through java.util.logging, past logback; held here because JUL keeps
     * loggers only weakly and would forget a level set on one nobody references.
     */
    private static final java.util.logging.Logger NATS_CLIENT = java.util.logging.Logger.getLogger("io.nats.client");

    private Logging() {}

    public static void setVerbose(boolean on) {
        verbose = on;
        if (on && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("dev.eventqueue").setLevel(Level.DEBUG);
            // logback.xml hides the demo's expected handler failures; verbose shows them again.
            context.getLogger("dev.eventqueue.dispatch.Delivery").setLevel(null);
        }
    }

    /**
     * Silences the library (unless verbose) while an interrupted demo shuts down: its database may
     * already be closing, and the warnings about that would bury the demo's own last words.
     */
    public static void quietForShutdown() {
        if (!verbose && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger("dev.eventqueue").setLevel(Level.OFF);
            context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
        }
    }

    /**
     * Before the NATS client connects: a connection opened without the store's own error listener
     * writes every failed connection attempt to stderr through java.util.logging, which the
     * one-line error of a command already reports; verbose lets it through.
     */
    public static void quietNatsClient() {
        NATS_CLIENT.setLevel(verbose ? null : java.util.logging.Level.OFF);
    }

    public static boolean isVerbose() {
        return verbose;
    }
}
