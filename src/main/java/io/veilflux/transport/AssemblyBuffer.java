package io.veilflux.transport;

import io.veilflux.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Veilid's UDP message framing: every non-empty message travels as one or more datagrams with an
 * 8-byte big-endian header {@code version=1, reserved, seq, offset, total length} and at most
 * 1272 bytes of message each; an empty message is a bare zero-length datagram (a hole punch).
 * One buffer belongs to one bound socket: its sequence counter numbers that socket's messages.
 *
 * <p>Reassembly is bounded as in Veilid: 256 peers, per peer 256 assemblies and 256 KiB of
 * buffers (oldest evicted first), assemblies older than 10 s discarded.
 */
public final class AssemblyBuffer {
    public static final int HEADER_LENGTH = 8;
    public static final int FRAGMENT_LENGTH = 1280 - HEADER_LENGTH;
    public static final int MAX_LENGTH = 0xFFFF;
    static final int VERSION = 1;
    static final int MAX_CONCURRENT_HOSTS = 256;
    static final int MAX_ASSEMBLIES_PER_HOST = 256;
    static final int MAX_BUFFER_PER_HOST = 256 * 1024;
    static final long MAX_ASSEMBLY_AGE_MICROS = 10_000_000L;

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
    private final Map<SocketAddress, PeerMessages> peers = new HashMap<>();

    public AssemblyBuffer(LongSupplier nowMicros) {
        this.nowMicros = nowMicros;
    }

    /**
     * The datagrams that carry {@code message}, each with its header, under the next sequence
     * number. They must be sent in order and without another message to the same peer in between.
     */
    public List<byte[]> split(byte[] message) {
        if (message.length > MAX_LENGTH) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds " + MAX_LENGTH);
        }
        if (message.length == 0) {
            return List.of(message);
        }
        int seq = nextSeq.getAndIncrement() & 0xFFFF;
        List<byte[]> frames = new ArrayList<>((message.length + FRAGMENT_LENGTH - 1) / FRAGMENT_LENGTH);
        for (int offset = 0; offset < message.length; offset += FRAGMENT_LENGTH) {
            int chunk = Math.min(FRAGMENT_LENGTH, message.length - offset);
            byte[] frame = new byte[HEADER_LENGTH + chunk];
            frame[0] = VERSION;
            putU16(frame, 2, seq);
            putU16(frame, 4, offset);
            putU16(frame, 6, message.length);
            System.arraycopy(message, offset, frame, HEADER_LENGTH, chunk);
            frames.add(frame);
        }
        return frames;
    }

    /** Takes one received datagram from {@code remote}. */
    public synchronized Frame insertFrame(byte[] datagram, SocketAddress remote) {
        if (datagram.length == 0) {
            return new Frame.Message(datagram);
        }
        if (datagram.length <= HEADER_LENGTH || datagram.length > MAX_LENGTH) {
            return new Frame.Dropped("invalid_header_length");
        }
        if (datagram[0] != VERSION) {
            return new Frame.Dropped("invalid_frame_version");
        }
        int seq = u16(datagram, 2);
        int off = u16(datagram, 4);
        int len = u16(datagram, 6);
        int chunk = datagram.length - HEADER_LENGTH;
        if (off == 0 && len == chunk) {
            return new Frame.Message(Arrays.copyOfRange(datagram, HEADER_LENGTH, datagram.length));
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
            if (peers.size() >= MAX_CONCURRENT_HOSTS && !evictExpiredPeers(now)) {
                return new Frame.Dropped("too_many_hosts");
            }
            peer = new PeerMessages();
            peers.put(remote, peer);
        }
        byte[] message = peer.insert(now, seq, off, len, datagram, chunk);
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
            if (newest == null || now - newest.timestamp > MAX_ASSEMBLY_AGE_MICROS) {
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
    private static final class PeerMessages {
        final ArrayDeque<MessageAssembly> assemblies = new ArrayDeque<>();
        int totalBuffer;

        byte[] insert(long now, int seq, int off, int len, byte[] datagram, int chunk) {
            MessageAssembly match = null;
            for (Iterator<MessageAssembly> it = assemblies.iterator(); it.hasNext(); ) {
                MessageAssembly assembly = it.next();
                if (now - assembly.timestamp > MAX_ASSEMBLY_AGE_MICROS) {
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
                    System.arraycopy(datagram, HEADER_LENGTH, match.data, off, chunk);
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
            System.arraycopy(datagram, HEADER_LENGTH, assembly.data, off, chunk);
            totalBuffer += len;
            assemblies.addFirst(assembly);
            return null;
        }

        private void reclaim(int needed) {
            while (!assemblies.isEmpty()
                    && (assemblies.size() > MAX_ASSEMBLIES_PER_HOST - 1 || totalBuffer > MAX_BUFFER_PER_HOST - needed)) {
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

    private static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    private static void putU16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 8);
        b[offset + 1] = (byte) value;
    }
}
