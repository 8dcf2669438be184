package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.PeerInfo;
import io.veilflux.transport.ConnectionGate;
import io.veilflux.transport.InboundPacket;
import io.veilflux.transport.Network;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.transport.TransportMeters;
import io.veilflux.wire.PacketMagic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * BOOT and B01T over real sockets: a bootstrap node answers on the request's flow, as the network
 * manager will, and a client asks it through {@link Network#sendRecvDataUnboundToDialInfo} over
 * UDP (the answers are large enough to be fragmented), TCP and WebSocket.
 */
class DirectBootstrapNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();
    private final KeyPair server = crypto.best().generateKeyPair();
    private final TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());
    private final BootstrapMeters bootstrapMeters = new BootstrapMeters(new SimpleMeterRegistry());
    private final List<Network> networks = new ArrayList<>();
    private final List<Disposable> subscriptions = new ArrayList<>();

    private Network start() {
        Network network = Network.start(NetworkConfig.on(SocketAddress.parse("127.0.0.1:0")), meters, ConnectionGate.OPEN,
                Schedulers.parallel()).block(WAIT);
        networks.add(network);
        return network;
    }

    @AfterEach
    void stop() {
        subscriptions.forEach(Disposable::dispose);
        networks.forEach(n -> n.stop().block(WAIT));
    }

    private List<DialInfo> dialInfos(Network network) {
        SocketAddress tcp = network.tcpAddresses().get(0);
        return List.of(DialInfo.udp(network.udpAddresses().get(0)), DialInfo.tcp(tcp), DialInfo.ws(tcp, "ws://" + tcp + "/ws"));
    }

    /** The bootstrap node: answers BOOT and B01T on the flow they came on. */
    private void serve(Network network, byte[] bootAnswer, BootstrapResponder responder, Optional<PeerInfo> published) {
        subscriptions.add(network.inbound()
                .concatMap((InboundPacket packet) -> {
                    Optional<PacketMagic> magic = PacketMagic.of(packet.data());
                    Mono<byte[]> answer = magic.equals(Optional.of(PacketMagic.BOOT)) ? Mono.just(bootAnswer)
                            : magic.equals(Optional.of(PacketMagic.B01T))
                            ? responder.bootV1Response(published, id -> Optional.empty()).flatMap(Mono::justOrEmpty)
                            : Mono.empty();
                    return answer.flatMap(bytes -> network.sendDataToExistingFlow(packet.flow(), bytes));
                })
                .subscribe());
    }

    private DirectBootstrap client(Network network, List<PublicKey> keys, FakeDns dns) {
        BootstrapRecords records = new BootstrapRecords(new DialInfoConverter(dns), crypto, keys, Set.of(), Schedulers.parallel());
        return new DirectBootstrap(network::sendRecvDataUnboundToDialInfo, records, crypto, bootstrapMeters, WAIT,
                Schedulers.parallel(), Schedulers.parallel());
    }

    @Test
    void bootAndB01tAnswersArriveOverEveryProtocol() {
        List<String> protocols = List.of("udp", "tcp", "udp", "tcp");
        List<BootstrapCandidate> candidates = IntStream.range(0, 4)
                .mapToObj(i -> new BootstrapCandidate(TestPeers.signed(crypto, crypto.best().generateKeyPair(),
                        protocols.get(i) + "|192.0.2." + (i + 1) + ":5150", "ws|[2001:db8::" + (i + 1) + "]:5150/ws"),
                        false, true, Optional.empty()))
                .toList();
        List<PeerInfo> handedOut = BootstrapResponder.findBootstrapNodes(candidates, BootstrapResponder.BOOT_NODES_PER_TYPE,
                BootstrapResponder.PROTOCOLS_WITHOUT_WSS, List.of(CryptoKind.VLD0));
        assertThat(handedOut).hasSize(4);
        byte[] bootAnswer = BootstrapResponder.bootV0Response(candidates, BootstrapResponder.PROTOCOLS_WITHOUT_WSS, List.of(CryptoKind.VLD0));
        assertThat(bootAnswer.length).as("more than one UDP fragment").isGreaterThan(1280);

        Network bootstrapNode = start();
        String record = BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(server.key()), dialInfos(bootstrapNode).subList(0, 2),
                Optional.empty(), OptionalLong.of(1746308366), List.of()).formatV1(crypto, signer);
        FakeDns dns = new FakeDns().txt("bootstrap-v1.test", record);
        BootstrapMeters serverMeters = new BootstrapMeters(new SimpleMeterRegistry());
        BootstrapRecords serverRecords = new BootstrapRecords(new DialInfoConverter(dns), crypto, List.of(signer.key()),
                Set.of(server.key()), Schedulers.parallel());
        BootstrapResponder responder = new BootstrapResponder(
                new BootstrapConfig(List.of("bootstrap-v1.test"), List.of(signer.key()), BootstrapConfig.DEFAULT_RPC_TIMEOUT),
                new TxtLookupCache(dns, serverMeters, VirtualTimeScheduler.create()), serverRecords);
        PeerInfo published = TestPeers.signed(crypto, server, dialInfos(bootstrapNode).get(0).toString());
        serve(bootstrapNode, bootAnswer, responder, Optional.of(published));

        Network node = start();
        for (DialInfo target : dialInfos(bootstrapNode)) {
            assertThat(client(node, List.of(), dns).directBootstrap(target).block(WAIT)).as("BOOT over " + target)
                    .isEqualTo(handedOut);
            assertThat(client(node, List.of(signer.key()), dns).directBootstrap(target).block(WAIT)).as("B01T over " + target)
                    .containsExactly(published);
        }
    }
}
