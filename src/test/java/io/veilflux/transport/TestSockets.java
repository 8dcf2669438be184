package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/** Plain-socket helpers for tests that play a misbehaving peer. */
final class TestSockets {
    static final Duration WAIT = Duration.ofSeconds(10);

    private TestSockets() {
    }

    /**
     * Reads until the other side closes: end of stream, or a reset (our sockets close with
     * SO_LINGER 0, which resets). Fails if nothing happens within {@link #WAIT}.
     */
    static void awaitClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // skip whatever was still in flight
            }
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }
}
