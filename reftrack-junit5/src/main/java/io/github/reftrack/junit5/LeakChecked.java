package io.github.reftrack.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Fails a test that leaves tracked references behind, releases one twice, or loses one: the
 * declarative form of {@link LeakCheckExtension} with its defaults (checked per test method,
 * {@linkplain LeakCheckExtension#DEFAULT_GRACE_PERIOD 300 ms} grace period, tracking switched to
 * {@code FULL} while the test runs if it was off).
 *
 * <pre>{@code
 * @LeakChecked
 * class ConnectionPoolTest {
 *     @Test
 *     void borrowAndReturn() { ... }   // fails if a connection reference is still held afterwards
 * }
 * }</pre>
 *
 * <p>On a class, it applies to every test of the class (and of its {@code @Nested} classes), and
 * tracking is on from before the test instance is created; on a single method, tracking is
 * switched on only in that method's {@code beforeEach}, so directories created in field
 * initializers stay untracked. For other settings register the extension in a field instead, see
 * {@link LeakCheckExtension#builder()}.
 *
 * <p><b>Parallel execution.</b> The registry of directories and the listeners are process-wide, so
 * a check would see the directories of tests running at the same time. The annotation therefore
 * takes the exclusive {@linkplain ResourceLock resource lock} {@value #RESOURCE_LOCK}: under
 * JUnit's parallel execution, checked tests never run concurrently with each other. Tests that
 * use tracked objects without being checked should declare
 * {@code @ResourceLock(value = LeakChecked.RESOURCE_LOCK, mode = ResourceAccessMode.READ)} so they
 * do not run beside a checked test either (they may still run beside each other).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LeakCheckExtension.class)
@ResourceLock(LeakChecked.RESOURCE_LOCK)
public @interface LeakChecked {

    /**
     * The JUnit resource lock held exclusively by every {@code @LeakChecked} test: reftrack's
     * process-wide registry and listeners.
     */
    String RESOURCE_LOCK = "io.github.reftrack";

    /**
     * Sites whose references may outlive a test (with the reftrack agent): {@code Class#method}
     * anywhere in the acquiring stack, or a prefix of a frame's {@code class.method}. For pools,
     * caches and static fixtures.
     *
     * @return the sites; none by default
     */
    String[] allowSites() default {};

    /**
     * Tracked classes (directory classes such as {@code netty_bytebuf}) whose objects may outlive
     * a test (with the reftrack agent).
     *
     * @return the directory classes; none by default
     */
    String[] allowClasses() default {};

    /**
     * Checks the class as a whole (from before its {@code @BeforeAll} methods to after its
     * {@code @AfterAll} methods) instead of each test; on a class only.
     *
     * @return {@code true} for one check per class
     */
    boolean perClass() default false;
}
