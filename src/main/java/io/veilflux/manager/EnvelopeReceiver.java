package io.veilflux.manager;

import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.SecretKey;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.filter.TimestampCheckResult;
import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.Capability;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.rpc.RpcMessageHeader;
import io.veilflux.transport.InboundPacket;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.PacketMagic;
import io.veilflux.wire.WireException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Veilid's {@code on_recv_envelope} (network-manager.md §3), step by step: accounting, hole punches,
 * short packets, routing domain, magic dispatch, decode, timestamp, punished senders, relaying,
 * decryption, sender registration, last flow, hand-off to RPC. Runs on the crypto scheduler, one
 * packet at a time per lane, so packets of one flow stay in order. It never fails: a bad packet is
 * dropped, counted, and punished as Veilid punishes it.
 */
final class EnvelopeReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeReceiver.class);
    /** Parallel lanes of inbound processing; a flow always uses the same one. */
    static final int LANES = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final NetworkManager nm;

    EnvelopeReceiver(NetworkManager nm) {
        this.nm = nm;
    }

    /** @return whether the packet was processed here (not relayed, not dropped) */
    Mono<Boolean> onRecvEnvelope(InboundPacket packet) {
        return Mono.defer(() -> {
            Optional<StartupLock.Entry> entry = nm.lock().enter();
            if (entry.isEmpty()) {
                return Mono.just(false);
            }
            return receive(packet).doFinally(s -> entry.get().close());
        }).onErrorResume(e -> {
            LOG.warn("error processing a packet from {}", packet.flow(), e);
            nm.meters().dropped("error");
            return Mono.just(false);
        });
    }

    private Mono<Boolean> receive(InboundPacket packet) {
        NetworkManager.Components c = nm.components();
        byte[] data = packet.data();
        Flow flow = packet.flow();
        Address remote = flow.remote().socketAddress().address();
        if (c.nat().isPresent() && flow.protocol() == ProtocolType.UDP
                && !c.nat().get().admitsDatagram(flow.remote().socketAddress())) {
            return drop("nat");
        }
        c.stats().packetReceived(remote, data.length);
        nm.meters().received(flow.protocol(), data.length);
        if (data.length == 0) {
            return Mono.just(true);
        }
        if (data.length < 4) {
            nm.punishIpAddr(remote, PunishmentReason.SHORT_PACKET);
            return drop("short_packet");
        }
        Optional<RoutingDomain> rd = nm.routingDomains().forFlow(flow);
        if (rd.isEmpty()) {
            LOG.debug("no routing domain for flow {}", flow);
            return drop("no_routing_domain");
        }
        Optional<PacketMagic> magic = PacketMagic.of(data);
        if (magic.isPresent() && magic.get() != PacketMagic.ENVELOPE) {
            return dispatch(magic.get(), data, flow);
        }
        Envelope envelope;
        try {
            envelope = nm.envelopeCodec().decode(data);
        } catch (WireException e) {
            LOG.debug("envelope from {} refused: {}", flow, e.getMessage());
            nm.punishIpAddr(remote, PunishmentReason.FAILED_TO_DECODE_ENVELOPE);
            return drop("failed_to_decode_envelope");
        }
        long local = nm.veilidClock().nowIncreasing();
        TimestampCheckResult timestamp = nm.timestampGuard().check(envelope.senderId(), local, envelope.timestamp());
        if (!timestamp.isAccepted()) {
            LOG.debug("envelope from {} dropped: timestamp {}", envelope.senderId(), timestamp);
            return drop(NetworkManagerMeters.tag(timestamp.name()));
        }
        if (nm.addressFilter().isNodeIdPunished(envelope.senderId())) {
            return drop("punished_sender");
        }
        if (!nm.identity().matchesOwnNodeId(List.of(envelope.recipientId()))) {
            return relay(c, envelope, data, flow);
        }
        byte[] body;
        try {
            SecretKey secret = nm.identity().secretKey(envelope.kind());
            body = nm.envelopeCodec().openBody(envelope, data, secret);
        } catch (WireException e) {
            LOG.debug("envelope body from {} refused: {}", envelope.senderId(), e.getMessage());
            nm.punishNodeId(envelope.senderId(), PunishmentReason.FAILED_TO_DECRYPT_ENVELOPE_BODY);
            return drop("failed_to_decrypt_envelope_body");
        }
        FilteredNodeRef sender;
        try {
            sender = nm.routingTable().registerNodeWithId(rd.get(), envelope.senderId(), local)
                    .withFilter(NodeRefFilter.of(rd.get(), flow));
        } catch (RoutingTableException e) {
            LOG.debug("sender {} not registered: {}", envelope.senderId(), e.getMessage());
            return drop("register");
        }
        sender.addEnvelopeVersion(FourCc.ENV0);
        nm.sender().setLastFlow(c, sender.unfiltered(), flow, local);
        nm.meters().accepted();
        if (!nm.rpc().enqueueDirectMessage(new RpcMessageHeader(envelope.senderId(), local, body.length, sender, flow,
                rd.get()), body)) {
            return drop("rpc_queue");
        }
        return Mono.just(true);
    }

    private Mono<Boolean> drop(String reason) {
        nm.meters().dropped(reason);
        return Mono.just(false);
    }

    /** BOOT and B01T to the bootstrap responder, receipts to the receipt manager. */
    private Mono<Boolean> dispatch(PacketMagic magic, byte[] data, Flow flow) {
        if (magic == PacketMagic.RECEIPT) {
            return nm.handleOutOfBandReceipt(data).map(result -> {
                if (!result.isValue()) {
                    LOG.debug("out-of-band receipt from {}: {}", flow, result);
                }
                return true;
            });
        }
        return nm.bootstrap().respond(magic)
                .flatMap(reply -> nm.components().network().sendDataToExistingFlow(flow, reply))
                .doOnNext(sent -> LOG.debug("{} answered to {}: {}", magic, flow, sent))
                .thenReturn(true);
    }

    /**
     * An envelope for another node: outbound relaying for an allow-listed client (resolving the
     * recipient over the network), else inbound relaying to a node we know, over the flow it keeps
     * to us. The copy keeps the inbound flow's ordering guarantee.
     */
    private Mono<Boolean> relay(NetworkManager.Components c, Envelope envelope, byte[] data, Flow flow) {
        NodeId recipient = envelope.recipientId();
        Sequencing sequencing = NetworkManager.strictSequencing(flow.protocol());
        RelayTarget target;
        RelayKind kind;
        if (c.allowlist().check(envelope.senderId())) {
            // Found by the relay worker: a network lookup must not hold up this lane's other flows.
            target = new RelayTarget(recipient, Optional.empty(), sequencing);
            kind = RelayKind.OUTBOUND;
        } else if (nm.config().disabledCapabilities().contains(Capability.RLAY)) {
            LOG.debug("not relaying to {}: relaying is disabled", recipient);
            return drop("relay_disabled");
        } else {
            Optional<NodeRef> known;
            try {
                known = nm.routingTable().lookupNodeId(recipient);
            } catch (RoutingTableException e) {
                LOG.debug("not relaying to {}: {}", recipient, e.getMessage());
                return drop("relay_lookup");
            }
            if (known.isEmpty()) {
                return drop("relay_unknown_recipient");
            }
            target = new RelayTarget(recipient, known.map(n -> n.sequencingFiltered(sequencing)), sequencing);
            kind = RelayKind.INBOUND;
        }
        if (!c.relays().enqueue(target, data, kind)) {
            LOG.debug("relay queue full; dropped an envelope for {}", recipient);
        }
        return Mono.just(false);
    }
}
