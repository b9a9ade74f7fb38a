package dev.eventqueue.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log line of the {@code dev.eventqueue} loggers, at DEBUG and above, while open. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousAdditive;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.previousLevel = logger.getLevel();
        this.previousAdditive = logger.isAdditive();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // captured, not printed
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** Every captured line, formatted, with its exception text. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(LogCapture::format).toList();
        }
    }

    private static String format(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
        return event.getThrowableProxy() == null
                ? line
                : line + " " + event.getThrowableProxy().getClassName() + ": "
                        + event.getThrowableProxy().getMessage();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
    }
}
