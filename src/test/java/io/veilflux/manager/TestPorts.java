package io.veilflux.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free ports for tests that need to know a node's port before it starts. */
final class TestPorts {
    private TestPorts() {
    }

    /** A port free for both TCP and UDP on {@code host} at the time of asking. */
    static int freeUdpAndTcpPort(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            for (int attempt = 0; attempt < 20; attempt++) {
                try (ServerSocket tcp = new ServerSocket(0, 1, address)) {
                    int port = tcp.getLocalPort();
                    try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                        return port;
                    } catch (IOException taken) {
                        // the UDP port is in use; try another
                    }
                }
            }
            throw new IllegalStateException("no port free for both TCP and UDP on " + host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
