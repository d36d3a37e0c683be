package io.github.reftrack.agent;

import java.util.Arrays;

/**
 * The objects each thread is inside a tracked call on, for the outermost-call rule of generic
 * specs: a call on an object the thread is already in (a {@code retain()} delegating to
 * {@code retain(1)}, an override calling {@code super.release()}) is nested and not counted.
 *
 * <p>Per thread, a short stack of objects compared by identity: calls on other objects (a wrapper
 * delegating to the object it wraps) still count. Costs a thread-local read and a scan of the
 * few objects the thread is in, on entry and exit of each tracked call of a generic spec.
 */
final class OutermostCalls {
    private static final class Stack {
        Object[] objects = new Object[4];
        int size;
    }

    private final ThreadLocal<Stack> stacks = ThreadLocal.withInitial(Stack::new);

    /** Marks the thread as inside a call on {@code self}; false (and no mark) if it already was. */
    boolean enter(Object self) {
        Stack stack = stacks.get();
        for (int i = 0; i < stack.size; i++) {
            if (stack.objects[i] == self) {
                return false;
            }
        }
        if (stack.size == stack.objects.length) {
            stack.objects = Arrays.copyOf(stack.objects, stack.size * 2);
        }
        stack.objects[stack.size++] = self;
        return true;
    }

    /** Clears the mark {@link #enter} set for {@code self}. */
    void exit(Object self) {
        Stack stack = stacks.get();
        for (int i = stack.size - 1; i >= 0; i--) {
            if (stack.objects[i] == self) {
                System.arraycopy(stack.objects, i + 1, stack.objects, i, stack.size - i - 1);
                stack.objects[--stack.size] = null;
                return;
            }
        }
    }
}
