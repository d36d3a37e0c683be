package io.github.reftrack.junit5;

import io.github.reftrack.RefScope;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link RefScope} of a test class, open from its {@code beforeAll} to its {@code afterAll}
 * when the reftrack agent claims objects in scopes: it claims objects born on the class's thread
 * outside its tests ({@code @BeforeAll}, {@code @AfterAll}), those born in its tests in per-class
 * mode, and those born on threads bound to no scope (event loops, executors) as long as no
 * unrelated class runs at the same time. A {@code @Nested} class's scope is a child of its
 * enclosing class's, so such births go to the outermost class. Kept in the class's store.
 */
final class ClassScope implements ExtensionContext.Store.CloseableResource {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassScope.class);
    private static final String KEY = "classScope";

    private final RefScope scope;
    private final String uniqueId;
    private final RefScope previous;
    private boolean closed;

    private ClassScope(RefScope scope, String uniqueId) {
        this.scope = scope;
        this.uniqueId = uniqueId;
        this.previous = scope.bind();
    }

    /** Opens and binds the class's scope, unless the agent is not claiming or it is open already. */
    static void open(ExtensionContext context) {
        if (!RefScope.active()) {
            return;
        }
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ClassScope enclosing = store.get(KEY, ClassScope.class);
        if (enclosing != null && enclosing.uniqueId.equals(context.getUniqueId())) {
            return;
        }
        RefScope scope = RefScope.open(context.getUniqueId(), context.getDisplayName(),
                enclosing == null ? null : enclosing.scope, true);
        store.put(KEY, new ClassScope(scope, context.getUniqueId()));
    }

    /** The scope of the innermost class around {@code context}, or {@code null}. */
    static RefScope of(ExtensionContext context) {
        ClassScope classScope = context.getStore(NAMESPACE).get(KEY, ClassScope.class);
        return classScope == null ? null : classScope.scope;
    }

    /** The scope opened for exactly this class context, or {@code null}. */
    static RefScope opened(ExtensionContext context) {
        ClassScope classScope = context.getStore(NAMESPACE).get(KEY, ClassScope.class);
        return classScope == null || !classScope.uniqueId.equals(context.getUniqueId()) ? null : classScope.scope;
    }

    /** Unbinds and closes the scope opened for this class context, if any. */
    static void close(ExtensionContext context) {
        ClassScope classScope = context.getStore(NAMESPACE).get(KEY, ClassScope.class);
        if (classScope != null && classScope.uniqueId.equals(context.getUniqueId())) {
            context.getStore(NAMESPACE).remove(KEY);
            classScope.close();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            RefScope.restore(previous);
            scope.close();
        }
    }
}
