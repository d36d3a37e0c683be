package io.github.reftrack.junit5;

import io.github.reftrack.LeakReport;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * References a check accepts although they outlive the test: taken at an allowed site (a frame
 * {@code com.acme.Pool#borrow}, or any frame whose {@code class.method} starts with a prefix such
 * as {@code com.acme.Cache}), or held by an object of an allowed tracked class (a directory class
 * such as {@code netty_bytebuf}). Immutable.
 *
 * @param sites   {@code Class#method} or frame prefixes
 * @param classes directory classes
 */
record Allowances(List<String> sites, List<String> classes) {
    static final Allowances NONE = new Allowances(List.of(), List.of());

    Allowances {
        sites = List.copyOf(sites);
        classes = List.copyOf(classes);
    }

    /** These allowances and those of the {@code @LeakChecked} on the test's method, class and enclosing classes. */
    Allowances with(ExtensionContext context) {
        List<String> allSites = new ArrayList<>(sites);
        List<String> allClasses = new ArrayList<>(classes);
        for (LeakChecked annotation : annotations(context)) {
            allSites.addAll(List.of(annotation.allowSites()));
            allClasses.addAll(List.of(annotation.allowClasses()));
        }
        return new Allowances(allSites, allClasses);
    }

    /** Whether a {@code @LeakChecked} on the test's class (or an enclosing one) asks for one check per class. */
    static boolean perClass(ExtensionContext context) {
        Optional<Class<?>> type = context.getTestClass();
        for (Class<?> c = type.orElse(null); c != null; c = c.getEnclosingClass()) {
            LeakChecked annotation = c.getAnnotation(LeakChecked.class);
            if (annotation != null && annotation.perClass()) {
                return true;
            }
        }
        return false;
    }

    private static List<LeakChecked> annotations(ExtensionContext context) {
        List<LeakChecked> found = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> add(m, found));
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            add(c, found);
        }
        return found;
    }

    private static void add(AnnotatedElement element, List<LeakChecked> found) {
        LeakChecked annotation = element.getAnnotation(LeakChecked.class);
        if (annotation != null) {
            found.add(annotation);
        }
    }

    boolean allows(String className, LeakReport.Group group) {
        if (classes.contains(className)) {
            return true;
        }
        for (StackTraceElement frame : group.frames()) {
            String method = frame.getClassName() + '#' + frame.getMethodName();
            String dotted = frame.getClassName() + '.' + frame.getMethodName();
            for (String site : sites) {
                if (site.contains("#") ? method.equals(site) : dotted.startsWith(site)) {
                    return true;
                }
            }
        }
        return false;
    }
}
