package io.veilflux.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.veilflux.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Veilid's UDP message framing: every non-empty message travels as one or more datagrams with an
 * 8-byte big-endian header {@code version=1, reserved, seq, offset, total length} and at most
 * 1272 bytes of message each; an empty message is a bare zero-length datagram (a hole punch).
 * One buffer belongs to one bound socket: its sequence counter numbers that socket's messages.
 *
 * <p>Reassembly is bounded by {@link Limits}, by default as in Veilid: 256 peers, per peer 256
 * assemblies and 256 KiB of buffers (oldest evicted first), assemblies older than 10 s discarded.
 */
public final class AssemblyBuffer {
    public static final int HEADER_LENGTH = 8;
    public static final int FRAGMENT_LENGTH = 1280 - HEADER_LENGTH;
    public static final int MAX_LENGTH = 0xFFFF;
    static final int VERSION = 1;

    /**
     * Reassembly bounds; {@link #DEFAULTS} are Veilid's: 256 peers, 256 assemblies and 256 KiB
     * per peer, 10 seconds.
     */
    public record Limits(int maxHosts, int maxAssembliesPerHost, int maxBufferPerHost, Duration maxAge) {
        public static final Limits DEFAULTS = new Limits(256, 256, 256 * 1024, Duration.ofSeconds(10));

        public Limits {
            if (maxHosts < 1 || maxAssembliesPerHost < 1 || maxBufferPerHost < MAX_LENGTH || maxAge.isNegative()) {
                throw new IllegalArgumentException("reassembly limits need at least 1 host, 1 assembly, a buffer of "
                        + MAX_LENGTH + " bytes per host and a non-negative age; got " + this);
            }
        }

        long maxAgeMicros() {
            return TimeUnit.NANOSECONDS.toMicros(maxAge.toNanos());
        }
    }

    /** What became of one received datagram. */
    public sealed interface Frame {
        /** A whole message (possibly empty: a hole punch). */
        record Message(byte[] data) implements Frame {
        }

        /** A fragment was kept; the message is not complete yet. */
        record Pending() implements Frame {
        }

        /** The datagram was refused; {@code reason} names why, for the drop counters. */
        record Dropped(String reason) implements Frame {
        }
    }

    private static final Frame PENDING = new Frame.Pending();

    private final AtomicInteger nextSeq = new AtomicInteger();
    private final LongSupplier nowMicros;
    private final Limits limits;
    private final long maxAgeMicros;
    private final Map<SocketAddress, PeerMessages> peers = new HashMap<>();

    public AssemblyBuffer(LongSupplier nowMicros) {
        this(nowMicros, Limits.DEFAULTS);
    }

    public AssemblyBuffer(LongSupplier nowMicros, Limits limits) {
        this.nowMicros = nowMicros;
        this.limits = limits;
        this.maxAgeMicros = limits.maxAgeMicros();
    }

    /** Builds one datagram from its header and a slice of the message. */
    public interface FrameFactory<T> {
        T frame(byte[] header, byte[] message, int offset, int length);
    }

    /**
     * The datagrams that carry {@code message}, each with its header, under the next sequence
     * number. They must be sent in order and without another message to the same peer in between.
     */
    public List<byte[]> split(byte[] message) {
        return split(message, (header, data, offset, length) -> {
            byte[] frame = Arrays.copyOf(header, header.length + length);
            System.arraycopy(data, offset, frame, header.length, length);
            return frame;
        });
    }

    /** As {@link #split(byte[])}, each datagram made by {@code factory} (into a socket buffer, say). */
    public <T> List<T> split(byte[] message, FrameFactory<T> factory) {
        if (message.length > MAX_LENGTH) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds " + MAX_LENGTH);
        }
        if (message.length == 0) {
            return List.of(factory.frame(new byte[0], message, 0, 0));
        }
        int seq = nextSeq.getAndIncrement() & 0xFFFF;
        List<T> frames = new ArrayList<>((message.length + FRAGMENT_LENGTH - 1) / FRAGMENT_LENGTH);
        for (int offset = 0; offset < message.length; offset += FRAGMENT_LENGTH) {
            byte[] header = new byte[HEADER_LENGTH];
            header[0] = VERSION;
            putU16(header, 2, seq);
            putU16(header, 4, offset);
            putU16(header, 6, message.length);
            frames.add(factory.frame(header, message, offset, Math.min(FRAGMENT_LENGTH, message.length - offset)));
        }
        return frames;
    }

    /** Takes one received datagram from {@code remote}. */
    public Frame insertFrame(byte[] datagram, SocketAddress remote) {
        return insertFrame(Unpooled.wrappedBuffer(datagram), remote);
    }

    /**
     * Takes one received datagram from {@code remote}, reading it in place: each byte is copied
     * once, into the message it belongs to. The buffer is not released.
     */
    public synchronized Frame insertFrame(ByteBuf datagram, SocketAddress remote) {
        int length = datagram.readableBytes();
        int start = datagram.readerIndex();
        if (length == 0) {
            return new Frame.Message(new byte[0]);
        }
        if (length <= HEADER_LENGTH || length > MAX_LENGTH) {
            return new Frame.Dropped("invalid_header_length");
        }
        if (datagram.getByte(start) != VERSION) {
            return new Frame.Dropped("invalid_frame_version");
        }
        int seq = datagram.getUnsignedShort(start + 2);
        int off = datagram.getUnsignedShort(start + 4);
        int len = datagram.getUnsignedShort(start + 6);
        int chunk = length - HEADER_LENGTH;
        if (off == 0 && len == chunk) {
            byte[] message = new byte[chunk];
            datagram.getBytes(start + HEADER_LENGTH, message);
            return new Frame.Message(message);
        }
        if (off >= len) {
            return new Frame.Dropped("offset_beyond_length");
        }
        if (off + chunk > len) {
            return new Frame.Dropped("chunk_beyond_length");
        }
        long now = nowMicros.getAsLong();
        PeerMessages peer = peers.get(remote);
        if (peer == null) {
            if (peers.size() >= limits.maxHosts() && !evictExpiredPeers(now)) {
                return new Frame.Dropped("too_many_hosts");
            }
            peer = new PeerMessages();
            peers.put(remote, peer);
        }
        byte[] message = peer.insert(now, seq, off, len, datagram, start + HEADER_LENGTH, chunk);
        if (message == null) {
            return PENDING;
        }
        if (peer.assemblies.isEmpty()) {
            peers.remove(remote);
        }
        return new Frame.Message(message);
    }

    /**
     * Veilid only forgets a peer when one of its messages completes, so 256 peers that each
     * left one fragment behind would lock every other peer out of reassembly for good. Dropping
     * peers whose newest assembly has expired keeps the table for live senders.
     */
    private boolean evictExpiredPeers(long now) {
        boolean evicted = false;
        for (Iterator<PeerMessages> it = peers.values().iterator(); it.hasNext(); ) {
            PeerMessages peer = it.next();
            MessageAssembly newest = peer.assemblies.peekFirst();
            if (newest == null || now - newest.timestamp > maxAgeMicros) {
                it.remove();
                evicted = true;
            }
        }
        return evicted;
    }

    /** Peers with fragments pending (for tests and stats). */
    public synchronized int pendingPeers() {
        return peers.size();
    }

    private static final class MessageAssembly {
        final long timestamp;
        final int seq;
        final byte[] data;
        final BitSet covered;

        MessageAssembly(long timestamp, int seq, int len) {
            this.timestamp = timestamp;
            this.seq = seq;
            this.data = new byte[len];
            this.covered = new BitSet(len);
        }
    }

    /** One peer's assemblies, newest first, with the bytes they hold. */
    private final class PeerMessages {
        final ArrayDeque<MessageAssembly> assemblies = new ArrayDeque<>();
        int totalBuffer;

        byte[] insert(long now, int seq, int off, int len, ByteBuf datagram, int chunkStart, int chunk) {
            MessageAssembly match = null;
            for (Iterator<MessageAssembly> it = assemblies.iterator(); it.hasNext(); ) {
                MessageAssembly assembly = it.next();
                if (now - assembly.timestamp > maxAgeMicros) {
                    // Newest first: this one and every older one have expired.
                    dropFrom(assembly);
                    break;
                }
                if (assembly.seq == seq) {
                    match = assembly;
                }
            }
            int end = off + chunk;
            if (match != null) {
                int overlap = match.covered.nextSetBit(off);
                boolean restart = match.data.length != len || (overlap >= 0 && overlap < end);
                if (!restart) {
                    match.covered.set(off, end);
                    datagram.getBytes(chunkStart, match.data, off, chunk);
                    if (match.covered.nextClearBit(0) >= len) {
                        remove(match);
                        return match.data;
                    }
                    return null;
                }
                // A different length or bytes seen before: Veilid starts this message over.
                remove(match);
            }
            reclaim(len);
            MessageAssembly assembly = new MessageAssembly(now, seq, len);
            assembly.covered.set(off, end);
            datagram.getBytes(chunkStart, assembly.data, off, chunk);
            totalBuffer += len;
            assemblies.addFirst(assembly);
            return null;
        }

        private void reclaim(int needed) {
            while (!assemblies.isEmpty()
                    && (assemblies.size() > limits.maxAssembliesPerHost() - 1 || totalBuffer > limits.maxBufferPerHost() - needed)) {
                totalBuffer -= assemblies.removeLast().data.length;
            }
        }

        private void remove(MessageAssembly assembly) {
            assemblies.remove(assembly);
            totalBuffer -= assembly.data.length;
        }

        private void dropFrom(MessageAssembly first) {
            while (!assemblies.isEmpty()) {
                MessageAssembly last = assemblies.removeLast();
                totalBuffer -= last.data.length;
                if (last == first) {
                    return;
                }
            }
        }
    }

    private static void putU16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }
}
