import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ref-counted connection whose pool forgets one release. Run from the repository root after
 * `mvn -B -ntp -q -pl reftrack-core package -DskipTests`:
 *
 *   java -Dreftrack.mode=full -cp reftrack-core/target/reftrack-core-0.1.0-SNAPSHOT.jar examples/ConnectionLeak.java
 */
public final class ConnectionLeak {
    static final class Connection {
        final AtomicInteger refs = new AtomicInteger(1);
        final RefTrackerDir refDir = RefTrackerDir.create("connection", 16);
        final RefTracker owner = refDir.alloc("pool");

        RefTracker get() {
            refs.incrementAndGet();
            return refDir.alloc();
        }

        void put(RefTracker tracker) {
            refDir.free(tracker);
            refs.decrementAndGet();
        }
    }

    public static void main(String[] args) {
        Connection connection = new Connection();
        for (int i = 0; i < 3; i++) {
            query(connection);
        }
        stream(connection);
        stream(connection);
        System.out.print(connection.refDir.report(16));
        connection.refDir.close();
    }

    static void query(Connection connection) {
        RefTracker t = connection.get();
        connection.put(t);
    }

    static void stream(Connection connection) {
        connection.get(); // the release is forgotten
    }
}
