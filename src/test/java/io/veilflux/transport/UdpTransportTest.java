package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.Address;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class UdpTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketAddress ANY_LOOPBACK = SocketAddress.parse("127.0.0.1:0");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TransportMeters meters = new TransportMeters(registry);
    private final List<UdpTransport> open = new ArrayList<>();
    private final TransportLoops loops = TransportLoops.create("test");
    private final Random random = new Random(11);

    private UdpTransport bind(InboundChannel inbound, Predicate<Address> punished) {
        UdpTransport transport = UdpTransport.bind(ANY_LOOPBACK, loops, inbound, meters, punished).block(WAIT);
        open.add(transport);
        return transport;
    }

    @AfterEach
    void close() {
        open.forEach(t -> t.close().block(WAIT));
        loops.disposeLater().block(WAIT);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private double dropped(String reason) {
        var counter = registry.find(TransportMeters.DROPPED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void messagesOfEverySizeArriveFromTheListeningPort() {
        InboundChannel inboundB = new InboundChannel(64, meters);
        UdpTransport a = bind(new InboundChannel(64, meters), a1 -> false);
        UdpTransport b = bind(inboundB, a1 -> false);
        byte[] small = bytes(100);
        byte[] fragmented = bytes(5000);
        byte[] largest = bytes(UdpTransport.MAX_MESSAGE_SIZE);
        PeerAddress expectedRemote = new PeerAddress(ProtocolType.UDP, a.localAddress());

        StepVerifier.create(inboundB.packets())
                .then(() -> a.send(b.localAddress(), small).then(a.send(b.localAddress(), fragmented))
                        .then(a.send(b.localAddress(), largest)).subscribe())
                .assertNext(p -> {
                    assertThat(p.data()).isEqualTo(small);
                    assertThat(p.flow().remote()).isEqualTo(expectedRemote);
                    assertThat(p.flow().local()).contains(b.localAddress());
                })
                .assertNext(p -> assertThat(p.data()).isEqualTo(fragmented))
                .assertNext(p -> assertThat(p.data()).isEqualTo(largest))
                .thenCancel()
                .verify(WAIT);
        assertThat(registry.get(TransportMeters.PACKETS_IN).tag("protocol", "udp").counter().count()).isEqualTo(1 + 4 + 52);
    }

    @Test
    void fragmentsArrivingReorderedDuplicatedOrLostOverARealSocket() throws IOException {
        InboundChannel inbound = new InboundChannel(64, meters);
        UdpTransport b = bind(inbound, x -> false);
        AssemblyBuffer sender = new AssemblyBuffer(System::nanoTime);
        byte[] lost = bytes(4000);
        byte[] shuffled = bytes(4000);
        List<byte[]> lostFrames = new ArrayList<>(sender.split(lost));
        lostFrames.remove(2);
        List<byte[]> shuffledFrames = new ArrayList<>(sender.split(shuffled));
        // reversed, with the last fragment sent twice in a row
        List<byte[]> sent = new ArrayList<>(lostFrames);
        for (int i = shuffledFrames.size() - 1; i >= 0; i--) {
            sent.add(shuffledFrames.get(i));
            if (i == shuffledFrames.size() - 1) {
                sent.add(shuffledFrames.get(i));
            }
        }
        try (DatagramSocket socket = new DatagramSocket(0, Address.parse("127.0.0.1").inet())) {
            StepVerifier.create(inbound.packets())
                    .then(() -> {
                        try {
                            for (byte[] frame : sent) {
                                socket.send(new DatagramPacket(frame, frame.length, b.localAddress().toInet()));
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .assertNext(p -> assertThat(p.data()).isEqualTo(shuffled))
                    .thenCancel()
                    .verify(WAIT);
        }
    }

    @Test
    void anOversizeMessageIsRefusedBeforeSending() {
        UdpTransport a = bind(new InboundChannel(8, meters), x -> false);
        StepVerifier.create(a.send(a.localAddress(), new byte[UdpTransport.MAX_MESSAGE_SIZE + 1]))
                .expectErrorMessage("message of 65508 bytes exceeds the maximum of 65507")
                .verify(WAIT);
    }

    @Test
    void aHolePunchArrivesAsAnEmptyMessage() {
        InboundChannel inboundB = new InboundChannel(8, meters);
        UdpTransport a = bind(new InboundChannel(8, meters), x -> false);
        UdpTransport b = bind(inboundB, x -> false);
        StepVerifier.create(inboundB.packets())
                .then(() -> a.sendHolePunch(b.localAddress()).subscribe())
                .assertNext(p -> assertThat(p.data()).isEmpty())
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aHolePunchLeavesANioSocketToo() {
        TransportLoops nio = TransportLoops.create("nio-test", false);
        try {
            InboundChannel inboundB = new InboundChannel(8, meters);
            UdpTransport a = UdpTransport.bind(ANY_LOOPBACK, nio, new InboundChannel(8, meters), meters, x -> false).block(WAIT);
            UdpTransport b = UdpTransport.bind(ANY_LOOPBACK, nio, inboundB, meters, x -> false).block(WAIT);
            open.add(a);
            open.add(b);
            StepVerifier.create(inboundB.packets())
                    .then(() -> a.sendHolePunch(b.localAddress()).subscribe())
                    .assertNext(p -> assertThat(p.flow().remote().socketAddress()).isEqualTo(a.localAddress()))
                    .thenCancel()
                    .verify(WAIT);
            a.close().block(WAIT);
            b.close().block(WAIT);
            open.remove(a);
            open.remove(b);
        } finally {
            nio.disposeLater().block(WAIT);
        }
    }

    @Test
    void datagramsFromAPunishedAddressAreDroppedUnread() throws IOException {
        Address punished = Address.parse("127.0.0.1");
        InboundChannel inbound = new InboundChannel(8, meters);
        UdpTransport b = bind(inbound, punished::equals);
        byte[] fromPunished = {1, 0, 0, 0, 0, 0, 0, 3, 7, 7, 7};
        byte[] fromOther = {1, 0, 0, 1, 0, 0, 0, 3, 9, 9, 9};
        try (DatagramSocket good = new DatagramSocket(0, Address.parse("127.0.0.2").inet());
             DatagramSocket bad = new DatagramSocket(0, punished.inet())) {
            StepVerifier.create(inbound.packets())
                    .then(() -> {
                        try {
                            bad.send(new DatagramPacket(fromPunished, fromPunished.length, b.localAddress().toInet()));
                            good.send(new DatagramPacket(fromOther, fromOther.length, b.localAddress().toInet()));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    // one socket, one event loop: the good datagram comes after the bad one was handled
                    .assertNext(p -> assertThat(p.data()).containsExactly(9, 9, 9))
                    .thenCancel()
                    .verify(WAIT);
        }
        assertThat(dropped("punished")).isEqualTo(1);
    }

    @Test
    void aHundredThousandGarbageDatagramsLeaveTheStreamAliveAndBounded() throws IOException {
        InboundChannel inbound = new InboundChannel(1024, meters);
        UdpTransport b = bind(inbound, x -> false);
        AssemblyBuffer probe = new AssemblyBuffer(System::nanoTime);
        List<byte[]> good = probe.split(bytes(3000));
        try (DatagramSocket socket = new DatagramSocket(0, Address.parse("127.0.0.1").inet())) {
            for (int i = 0; i < 100_000; i++) {
                byte[] garbage = bytes(9 + random.nextInt(200));
                if (i % 2 == 0) {
                    // a plausible header: a fragment in the middle of a message that never completes
                    garbage[0] = 1;
                    garbage[4] = 0;
                    garbage[5] = 1;
                    garbage[6] = (byte) 0xFF;
                }
                socket.send(new DatagramPacket(garbage, garbage.length, b.localAddress().toInet()));
            }
            // UDP may lose the good fragments behind the flood: resend them, as a real peer would
            Disposable resending = Flux.interval(Duration.ZERO, Duration.ofMillis(200), Schedulers.boundedElastic())
                    .subscribe(tick -> {
                        try {
                            for (byte[] frame : good) {
                                socket.send(new DatagramPacket(frame, frame.length, b.localAddress().toInet()));
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
            try {
                StepVerifier.create(inbound.packets().filter(p -> p.data().length == 3000))
                        .expectNextCount(1)
                        .thenCancel()
                        .verify(WAIT);
            } finally {
                resending.dispose();
            }
        }
        // How many of the 100,000 the kernel delivers depends on its buffers; those that
        // arrived were refused one by one, and what they left behind stays within the bounds.
        double received = registry.get(TransportMeters.PACKETS_IN).tag("protocol", "udp").counter().count();
        double refused = dropped("invalid_frame_version") + dropped("chunk_beyond_length") + dropped("offset_beyond_length")
                + dropped("invalid_header_length");
        assertThat(received).isGreaterThan(good.size());
        assertThat(refused).isPositive();
        assertThat(b.pendingReassemblyPeers()).isLessThanOrEqualTo(1);
    }

    @Test
    void aTakenPortIsABindErrorAndAClosedPortCanBeBoundAgain() {
        UdpTransport a = bind(new InboundChannel(8, meters), x -> false);
        SocketAddress taken = a.localAddress();
        StepVerifier.create(UdpTransport.bind(taken, loops, new InboundChannel(8, meters), meters, x -> false))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BindException.class)
                        .hasMessageContaining("cannot bind UDP to " + taken))
                .verify(WAIT);
        a.close().block(WAIT);
        open.remove(a);
        UdpTransport again = UdpTransport.bind(taken, loops, new InboundChannel(8, meters), meters, x -> false).block(WAIT);
        open.add(again);
        assertThat(again.localAddress()).isEqualTo(taken);
    }

    @Test
    void aFullInboundQueueDropsAndCounts() {
        InboundChannel inbound = new InboundChannel(4, meters);
        PeerAddress peer = new PeerAddress(ProtocolType.UDP, SocketAddress.parse("127.0.0.1:1"));
        for (int i = 0; i < 10; i++) {
            inbound.offer(new InboundPacket(new byte[] {(byte) i}, io.veilflux.net.Flow.of(peer, ANY_LOOPBACK)));
        }
        assertThat(dropped("inbound_queue_full")).isEqualTo(6);
        StepVerifier.create(inbound.packets().map(p -> p.data()[0]))
                .expectNext((byte) 0, (byte) 1, (byte) 2, (byte) 3)
                .then(inbound::close)
                .verifyComplete();
    }
}
