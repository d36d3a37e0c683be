package example;

// snippet:use-it
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.util.concurrent.atomic.AtomicInteger;
// end:use-it

/**
 * A ref-counted connection whose caller forgets two releases; the README's "Use it". Run it with
 * {@code -Dreftrack.mode=full}: it prints who holds the connection, then closes it, which reports
 * the two references still held as a leak.
 */
public final class ConnectionLeak {

    private ConnectionLeak() {
    }

    // snippet:use-it
    /** One tracker per reference, the creator's too; put() touches the count only if free() agreed. */
    static final class Connection {
        private final AtomicInteger refs = new AtomicInteger(1);
        private final RefTrackerDir refDir = RefTrackerDir.create("connection", 16); // class, quarantine
        final RefTracker creator = refDir.alloc("pool");                             // the first reference

        RefTracker get() {
            refs.incrementAndGet();
            return refDir.alloc();
        }

        void put(RefTracker tracker) {
            if (!refDir.free(tracker)) {
                return; // released twice, or not ours: reftrack reported it; the count stays right
            }
            if (refs.decrementAndGet() == 0) {
                refDir.close();
            }
        }

        LeakReport report() {   // what is held right now, one block per distinct stack
            return refDir.report(16);
        }

        void forceClose() {     // shut down whatever the count: live trackers are reported as a leak
            refDir.close();
        }
    }
    // end:use-it

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // snippet:use-it
        RefTracking.addListener(new RefTrackerListener() { // leaks go to the log at ERROR, and to listeners
            @Override
            public void onLeak(LeakReport leak) {
                System.err.println("leak: " + leak.toJson());
            }
        });
        // end:use-it
        Connection connection = new Connection();
        for (int i = 0; i < 3; i++) {
            query(connection);
        }
        stream(connection);
        stream(connection);
        System.out.print(connection.report());
        connection.put(connection.creator); // the pool lets go: 2 references are left, not 0
        connection.forceClose();            // so close() reports them: ERROR log and onLeak
    }

    static void query(Connection connection) {
        RefTracker tracker = connection.get();
        connection.put(tracker);
    }

    static void stream(Connection connection) {
        connection.get(); // the release is forgotten
    }
}
