package example;

// snippet:use-it
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.util.concurrent.atomic.AtomicInteger;

/** A ref-counted connection whose caller forgets two releases. Run it with -Dreftrack.mode=full. */
public final class ConnectionLeak {

    /** Every reference has its own tracker, the creator's too; put() releases both, together. */
    static final class Connection {
        private final AtomicInteger refs = new AtomicInteger(1);
        private final RefTrackerDir refDir = RefTrackerDir.create("connection", 16); // class, quarantine
        final RefTracker creator = refDir.alloc("pool");                             // the first reference's

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

        /** What is held right now, one block per distinct stack. */
        LeakReport report() {
            return refDir.report(16);
        }

        /** Shuts the connection down whatever its count: live trackers are reported as a leak. */
        void forceClose() {
            refDir.close();
        }
    }

    public static void main(String[] args) {
        // every leak, double release and lost reference also reaches the listeners
        RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport leak) {
                System.err.println("leak: " + leak.toJson());
            }
        });
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
// end:use-it
