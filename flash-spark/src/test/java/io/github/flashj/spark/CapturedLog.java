package io.github.flashj.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * FlashJ's log messages (INFO and above), captured from when it is made until it is closed, for
 * tests that check what a run says.
 */
final class CapturedLog implements AutoCloseable {
    private static final String LOGGER = "io.github.flashj";
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;

    CapturedLog(String name) {
        appender = new AbstractAppender(name, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(LOGGER).addAppender(appender, Level.INFO, null);
        context.updateLoggers();
    }

    /** The messages so far, as they come; {@code clear()} forgets them. */
    List<String> messages() {
        return messages;
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(appender.getName());
        context.updateLoggers();
    }
}
