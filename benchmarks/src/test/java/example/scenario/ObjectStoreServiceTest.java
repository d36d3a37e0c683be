package example.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A smoke run of the HTTP object store and its loopback client in process. */
class ObjectStoreServiceTest {
    @Test
    void everyAnswerIsRightAndEveryRetainedContentReleased_whenAClientRunsAFewHundredRequests()
            throws InterruptedException {
        ObjectStoreServer server = new ObjectStoreServer();
        LoopbackClient client = new LoopbackClient(server.port(), 0, 512);
        Thread thread = new Thread(client, "client-0");
        try {
            thread.start();
            while (client.requests() < 200 && client.failure() == null) {
                Thread.sleep(10);
            }
            client.stop();
            thread.join();
        } finally {
            server.stop();
        }

        assertThat(client.failure()).isNull();
        assertThat(server.puts()).isGreaterThanOrEqualTo(150);
        assertThat(server.unreleased()).isZero();
    }
}
