package io.github.reftrack.agent.boot;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the advice in JDK classes ({@code FileInputStream}, {@code Socket}, ...) calls: those classes
 * are defined by the bootstrap loader, which cannot see the agent's classes, so the agent puts this
 * one class on the bootstrap class path and registers its handlers here. Public because
 * instrumented JDK classes call it; not API.
 *
 * <p>Until the handlers are registered every call returns at once. A handler never runs inside
 * another on the same thread: files and sockets the agent opens while it records one (its own
 * logs, class loading) are not tracked, and the agent cannot recurse into itself. A handler that
 * throws is ignored: the application's {@code open} or {@code close} goes on. Thread-safe.
 */
public final class ResourceBridge {
    private static volatile BiConsumer<Object, Object[]> opened;
    private static volatile Consumer<Object> closed;
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private ResourceBridge() {
    }

    /**
     * Registers the agent's handlers (once, at its start).
     *
     * @param onOpen  called with a resource just constructed and its constructor's arguments
     * @param onClose called with a resource whose {@code close()} starts
     */
    public static void install(BiConsumer<Object, Object[]> onOpen, Consumer<Object> onClose) {
        opened = onOpen;
        closed = onClose;
    }

    /**
     * A resource was opened: a constructor of its class returned.
     *
     * @param self the resource
     * @param args the arguments of that constructor, where the resource's name is (a path, an address)
     */
    public static void opened(Object self, Object[] args) {
        BiConsumer<Object, Object[]> handler = opened;
        if (handler == null || BUSY.get() != null) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            handler.accept(self, args);
        } catch (RuntimeException | LinkageError e) {
            // the agent's problem, never the application's: its open goes on
        } finally {
            BUSY.remove();
        }
    }

    /**
     * A resource's {@code close()} starts.
     *
     * @param self the resource
     */
    public static void closed(Object self) {
        call(closed, self);
    }

    private static void call(Consumer<Object> handler, Object self) {
        if (handler == null || BUSY.get() != null) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            handler.accept(self);
        } catch (RuntimeException | LinkageError e) {
            // the agent's problem, never the application's: its open or close goes on
        } finally {
            BUSY.remove();
        }
    }
}
