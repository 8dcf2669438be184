package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.filter.AddressFilter;
import io.veilflux.filter.AddressFilterConfig;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.transport.InboundPacket;
import io.veilflux.transport.Network;
import io.veilflux.transport.ReceivedPackets;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.transport.TransportMeters;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The real address filter in front of real sockets. */
class AddressFilterGateTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Address LOCALHOST = Address.parse("127.0.0.1");

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final AddressFilter filter = new AddressFilter(AddressFilterConfig.defaults(), clock);
    private final TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());

    private final Network network = Network.start(NetworkConfig.on(SocketAddress.parse("127.0.0.1:0")), meters,
            new AddressFilterGate(filter), Schedulers.parallel()).block(WAIT);
    private final Network sender = Network.start(NetworkConfig.on(SocketAddress.parse("127.0.0.1:0")), meters,
            new AddressFilterGate(new AddressFilter(AddressFilterConfig.defaults(), clock)), Schedulers.parallel()).block(WAIT);

    private final ReceivedPackets received = ReceivedPackets.of(network.inbound());

    @AfterEach
    void stop() {
        network.stop().block(WAIT);
        sender.stop().block(WAIT);
    }

    private InboundPacket next() throws InterruptedException {
        return received.next();
    }

    @Test
    void brokenFramingPunishesTheAddressUntilThePunishmentExpires() throws IOException, InterruptedException {
        SocketAddress port = network.tcpAddresses().get(0);
        try (Socket socket = new Socket(port.address().inet(), port.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {'V', 'L', 1, 0, 1, 'X', 'X', 0, 0});
            assertThat(next().data()).containsExactly(1);
            socket.setSoTimeout((int) WAIT.toMillis());
            try {
                while (socket.getInputStream().read() >= 0) {
                    // until closed
                }
            } catch (IOException reset) {
                // closed with a reset
            }
        }
        assertThat(filter.ipAddrPunishment(LOCALHOST)).hasValueSatisfying(
                p -> assertThat(p.reason()).isEqualTo(PunishmentReason.INVALID_FRAMING));

        DialInfo udp = DialInfo.udp(network.udpAddresses().get(0));
        sender.sendDataToDialInfo(udp, new byte[] {2}).block(WAIT);
        try (DatagramSocket other = new DatagramSocket(0, Address.parse("127.0.0.2").inet())) {
            byte[] frame = {1, 0, 0, 0, 0, 0, 0, 1, 3};
            other.send(new DatagramPacket(frame, frame.length, udp.socketAddress().toInet()));
        }
        // one socket, handled in order: {3} arriving means {2} was handled, and dropped
        assertThat(next().data()).containsExactly(3);

        clock.advanceTimeBy(Duration.ofMinutes(60).plusSeconds(1));
        filter.purge(clock.now(TimeUnit.MICROSECONDS));
        sender.sendDataToDialInfo(udp, new byte[] {4}).block(WAIT);
        assertThat(next().data()).as("accepted again once the punishment expired").containsExactly(4);
    }

    @Test
    void connectionsCountAgainstThePerIpLimitAndAreGivenBack() throws InterruptedException {
        sender.sendDataToDialInfo(DialInfo.tcp(network.tcpAddresses().get(0)), new byte[] {1}).block(WAIT);
        next();
        assertThat(filter.connectionCount(LOCALHOST)).isEqualTo(1);
        network.connections().table().all().forEach(c -> c.close());
        network.connections().table().all().forEach(c -> c.onClose().block(WAIT));
        assertThat(network.connections().table().size()).isZero();
        assertThat(filter.connectionCount(LOCALHOST)).isZero();
    }
}
