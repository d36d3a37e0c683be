package io.github.reftrack.junit5;

import io.github.reftrack.RefContext;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Binds the running test's name to its thread as the context tag of the references it takes
 * ({@link RefContext}), so reports say {@code taken during: CacheTest.evicts()}: the class's name
 * from {@code beforeAll} to {@code afterAll}, the test's from {@code beforeEach} to
 * {@code afterEach}. The binding lives in the context's own store and is put back by the callback
 * that ends it, on the thread that bound it (not as a closeable resource, which JUnit may close
 * on another thread).
 */
final class ContextTag {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContextTag.class);

    private ContextTag() {
    }

    /** Binds {@code tag} for {@code context}, unless it is bound for exactly this context already. */
    static void bind(ExtensionContext context, String tag) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(context.getUniqueId()) == null) {
            store.put(context.getUniqueId(), RefContext.bind(tag));
        }
    }

    /** Puts back what was bound before {@link #bind} for {@code context}, if it bound. */
    static void unbind(ExtensionContext context) {
        RefContext.Binding binding = context.getStore(NAMESPACE).remove(context.getUniqueId(),
                RefContext.Binding.class);
        if (binding != null) {
            binding.close();
        }
    }
}
