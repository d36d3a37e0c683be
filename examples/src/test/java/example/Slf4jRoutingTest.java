package example;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The README's logging recipe: with org.slf4j:slf4j-jdk-platform-logging on the class path (a
 * {@code System.LoggerFinder} service), reftrack's {@code System.Logger} writes to SLF4J, and a
 * leak arrives in Logback at ERROR on logger {@code io.github.reftrack}.
 */
class Slf4jRoutingTest {

    @Test
    void aLeakArrivesInLogbackAtError_whenSystemLoggerIsRoutedToSlf4j() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.github.reftrack");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RefTrackerDir dir = RefTrackerDir.builder("routed").mode(RefTracking.Mode.FULL).build();
            dir.alloc();
            dir.close(); // one reference still held: a leak
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(System.LoggerFinder.getLoggerFinder().getClass().getName()).startsWith("org.slf4j.");
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).containsPattern("routed@[0-9a-f]{16} has 1/1 users at\n");
        });
    }
}
