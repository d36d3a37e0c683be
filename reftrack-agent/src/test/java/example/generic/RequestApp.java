package example.generic;

import java.lang.reflect.Method;

/**
 * Serves two requests, each with its id in SLF4J's MDC under {@code requestId}: {@code r-1}
 * forgets to give back 3 leases, {@code r-2} 2 (with {@code leak}); with {@code clean} every
 * lease goes back. SLF4J is called reflectively, so the tests compile without it; the child's
 * class path has it (and logback, whose MDC keeps values).
 *
 * <p>Arguments: {@code leak | clean}.
 */
public final class RequestApp {
    private RequestApp() {
    }

    /**
     * Runs the application.
     *
     * @param args {@code leak} or {@code clean}
     * @throws ReflectiveOperationException if SLF4J is not on the class path
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        boolean leak = args[0].equals("leak");
        Class<?> mdc = Class.forName("org.slf4j.MDC");
        Method put = mdc.getMethod("put", String.class, String.class);
        Method remove = mdc.getMethod("remove", String.class);
        String[] requests = {"r-1", "r-2"};
        int[] forgotten = {3, 2};
        for (int r = 0; r < requests.length; r++) {
            put.invoke(null, "requestId", requests[r]);
            for (int i = 0; i < 10; i++) {
                serve(leak && i < forgotten[r]);
            }
            remove.invoke(null, "requestId");
        }
        System.out.println("served " + requests.length + " requests");
    }

    private static void serve(boolean forget) {
        Lease lease = new Lease();
        lease.borrow();
        lease.giveBack();
        if (!forget) {
            lease.giveBack();
        }
    }
}
