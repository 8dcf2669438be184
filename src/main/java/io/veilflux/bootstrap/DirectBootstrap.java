package io.veilflux.bootstrap;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.codec.NodeInfoCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's {@code direct_bootstrap}, the requesting side: send {@code BOOT} (no bootstrap keys)
 * or {@code B01T} to a dial info through an unbound send-and-receive, and make the answer into
 * bootstrap peers. BOOT answers are peer infos; B01T answers are records, verified under our
 * bootstrap keys, each taken as the first answered peer info sharing a key with it or else as an
 * unsigned peer info built from the record (records of our own node skipped).
 *
 * <p>Peer infos from an answer are checked before use (a Java addition; Veilid checks them only
 * when the bootstrap node answers FindNode): the node info used is the one decoded from the
 * signed message, and a peer info whose message does not decode or whose signature fails is
 * dropped with a warning and a count. Unsigned peer infos stay (they are bootstrap entries).
 */
public final class DirectBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DirectBootstrap.class);

    /** An unbound one-shot exchange, such as {@code transport.Network::sendRecvDataUnboundToDialInfo}. */
    @FunctionalInterface
    public interface Exchange {
        Mono<byte[]> sendRecv(DialInfo dialInfo, byte[] request, Duration timeout);
    }

    private final Exchange exchange;
    private final BootstrapRecords records;
    private final Crypto crypto;
    private final BootstrapMeters meters;
    private final Duration timeout;
    private final Scheduler cpu;
    private final Scheduler clock;

    /**
     * @param timeout the wait for an answer ({@code network.rpc.timeout_ms})
     * @param cpu where answers are decoded and checked, never a Netty event loop
     * @param clock dates unsigned peer infos of records without a timestamp
     */
    public DirectBootstrap(Exchange exchange, BootstrapRecords records, Crypto crypto, BootstrapMeters meters,
                           Duration timeout, Scheduler cpu, Scheduler clock) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.records = Objects.requireNonNull(records, "records");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The bootstrap peers {@code dialInfo} answers with. No answer (timeout, no connection) is an
     * empty list, as in Veilid; an answer that cannot be used fails with a
     * {@link BootstrapResponseException}. Either way one warning and one count.
     */
    public Mono<List<PeerInfo>> directBootstrap(DialInfo dialInfo) {
        BootstrapVersion version = BootstrapVersion.forKeys(records.bootstrapKeys());
        return Mono.defer(() -> exchange.sendRecv(dialInfo, version.request(), timeout))
                .map(Optional::of)
                .onErrorResume(e -> {
                    LOG.warn("Direct bootstrap {} to {} got no answer: {}", version.magic(), dialInfo, e.toString());
                    meters.directFailure(BootstrapMeters.NO_ANSWER);
                    return Mono.just(Optional.empty());
                })
                .publishOn(cpu)
                .flatMap(answer -> answer.isEmpty() ? Mono.just(List.<PeerInfo>of())
                        : version == BootstrapVersion.V0 ? Mono.fromCallable(() -> checked(BootResponseCodec.decodeV0(answer.get())))
                        : peersFromV1(answer.get()))
                .doOnError(BootstrapResponseException.class, e -> {
                    LOG.warn("Direct bootstrap {} to {}: unusable answer: {}", version.magic(), dialInfo, e.getMessage());
                    meters.directFailure(e.reason().tag());
                });
    }

    private Mono<List<PeerInfo>> peersFromV1(byte[] answer) {
        return Mono.fromCallable(() -> BootResponseCodec.decodeV1(answer))
                .flatMap(response -> records.parse(response.records(), BootstrapRecord.VERSION_1)
                        .onErrorMap(BootstrapRecordException.class, e -> new BootstrapResponseException(
                                BootstrapResponseException.Reason.BAD_RECORDS, "bootstrap v1 records: " + e.getMessage(), e))
                        .map(parsed -> matchPeers(parsed, checked(response.peers()))));
    }

    /** Per record (our own skipped): the first peer sharing one of its keys, else its unsigned peer info. */
    private List<PeerInfo> matchPeers(List<ResolvedBootstrapRecord> parsed, List<PeerInfo> answeredPeers) {
        long now = clock.now(TimeUnit.MICROSECONDS);
        List<PeerInfo> peers = new ArrayList<>();
        for (ResolvedBootstrapRecord record : parsed) {
            if (record.isOwn(records.ownKeys())) {
                LOG.debug("Ignoring own node in bootstrap list");
                continue;
            }
            Optional<PeerInfo> answered = answeredPeers.stream()
                    .filter(p -> KeyGroup.intersects(PeerInfos.publicKeys(p), record.keys()))
                    .findFirst();
            if (answered.isPresent()) {
                peers.add(answered.get());
            } else {
                record.toUnsignedPeerInfo(now).ifPresent(peers::add);
            }
        }
        return peers;
    }

    /** The answered peer infos that hold up, each with the node info its signed message holds. */
    private List<PeerInfo> checked(List<PeerInfo> answered) {
        List<PeerInfo> out = new ArrayList<>();
        for (PeerInfo stated : answered) {
            Optional<String> problem;
            PeerInfo peer = null;
            try {
                NodeInfo signed = NodeInfoCodec.decodeNodeInfo(stated.nodeInfoMessage().toByteArray());
                peer = new PeerInfo(stated.nodeInfoMessage(), signed, stated.signatures());
                PeerInfos.nodeIds(peer);
                problem = PeerInfoValidation.validate(crypto, peer) instanceof PeerInfoValidation.Result.Invalid invalid
                        ? Optional.of(invalid.reason()) : Optional.empty();
            } catch (CapnpException e) {
                problem = Optional.of("its node_info_message does not decode: " + e.getMessage());
            } catch (CryptoException e) {
                problem = Optional.of(e.getMessage());
            }
            if (problem.isPresent()) {
                LOG.warn("Bootstrap answer: peer info {} left out: {}", PeerInfos.publicKeys(stated), problem.get());
                meters.directFailure(BootstrapMeters.INVALID_PEER);
            } else {
                out.add(peer);
            }
        }
        return out;
    }
}
