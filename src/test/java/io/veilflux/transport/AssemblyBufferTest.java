package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AssemblyBufferTest {
    private static final SocketAddress PEER = SocketAddress.parse("127.0.0.1:5150");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AssemblyBuffer sender = new AssemblyBuffer(clock::get);
    private final AssemblyBuffer receiver = new AssemblyBuffer(clock::get);
    private final Random random = new Random(7);

    private byte[] message(int length) {
        byte[] m = new byte[length];
        random.nextBytes(m);
        return m;
    }

    private List<byte[]> delivered(List<byte[]> frames, SocketAddress from) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] frame : frames) {
            if (receiver.insertFrame(frame, from) instanceof AssemblyBuffer.Frame.Message m) {
                out.add(m.data());
            }
        }
        return out;
    }

    @Test
    void theHeaderIsBigEndianWith1272ByteChunks() {
        byte[] message = message(3000);
        List<byte[]> frames = sender.split(message);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).hasSize(1280);
        assertThat(frames.get(2)).hasSize(8 + 3000 - 2 * 1272);
        assertThat(frames.get(1)).startsWith(1, 0, 0, 0, 0x04, (byte) 0xF8, 0x0B, (byte) 0xB8);
        assertThat(sender.split(message(10)).get(0)).startsWith(1, 0, 0, 1, 0, 0, 0, 10);
    }

    @Test
    void anEmptyMessageIsABareDatagram() {
        assertThat(sender.split(new byte[0])).singleElement().satisfies(f -> assertThat(f).isEmpty());
        assertThat(receiver.insertFrame(new byte[0], PEER)).isInstanceOf(AssemblyBuffer.Frame.Message.class);
    }

    @Test
    void fragmentsReassembleInAnyOrder() {
        byte[] message = message(65507);
        List<byte[]> frames = new ArrayList<>(sender.split(message));
        assertThat(frames).hasSize(52);
        Collections.shuffle(frames, random);
        assertThat(delivered(frames, PEER)).singleElement().isEqualTo(message);
        assertThat(receiver.pendingPeers()).isZero();
    }

    @Test
    void aLostFragmentLosesTheMessageButNotTheNextOne() {
        List<byte[]> first = new ArrayList<>(sender.split(message(4000)));
        first.remove(1);
        byte[] second = message(4000);
        List<byte[]> frames = new ArrayList<>(first);
        frames.addAll(sender.split(second));
        assertThat(delivered(frames, PEER)).singleElement().isEqualTo(second);
    }

    @Test
    void aDuplicateRestartsItsAssemblyAsInVeilid() {
        byte[] message = message(3000);
        List<byte[]> frames = sender.split(message);
        // frame 0 twice in a row: the restart keeps frame 0, the rest completes the message
        assertThat(delivered(List.of(frames.get(0), frames.get(0), frames.get(1), frames.get(2)), PEER))
                .singleElement().isEqualTo(message);
        // a late duplicate of frame 0 wipes frames 0 and 1, so frame 2 cannot complete it
        assertThat(delivered(List.of(frames.get(0), frames.get(1), frames.get(0), frames.get(2)), PEER)).isEmpty();
    }

    @Test
    void interleavedMessagesFromTwoPeersStaySeparate() {
        byte[] a = message(2000);
        byte[] b = message(2000);
        List<byte[]> fa = sender.split(a);
        List<byte[]> fb = sender.split(b);
        SocketAddress other = SocketAddress.parse("127.0.0.2:5150");
        assertThat(receiver.insertFrame(fa.get(0), PEER)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThat(receiver.insertFrame(fb.get(0), other)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        // a's second fragment from the wrong peer completes nothing there
        assertThat(receiver.insertFrame(fa.get(1), other)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThat(delivered(List.of(fb.get(1)), other)).singleElement().isEqualTo(b);
        assertThat(delivered(List.of(fa.get(1)), PEER)).singleElement().isEqualTo(a);
    }

    @Test
    void malformedHeadersAreDroppedWithAReason() {
        assertThat(receiver.insertFrame(new byte[8], PEER)).isEqualTo(new AssemblyBuffer.Frame.Dropped("invalid_header_length"));
        byte[] frame = sender.split(message(100)).get(0);
        frame[0] = 2;
        assertThat(receiver.insertFrame(frame, PEER)).isEqualTo(new AssemblyBuffer.Frame.Dropped("invalid_frame_version"));
        byte[] offsetPastEnd = {1, 0, 0, 0, 0, 20, 0, 10, 1, 2};
        assertThat(receiver.insertFrame(offsetPastEnd, PEER)).isEqualTo(new AssemblyBuffer.Frame.Dropped("offset_beyond_length"));
        byte[] chunkPastEnd = {1, 0, 0, 0, 0, 9, 0, 10, 1, 2};
        assertThat(receiver.insertFrame(chunkPastEnd, PEER)).isEqualTo(new AssemblyBuffer.Frame.Dropped("chunk_beyond_length"));
    }

    @Test
    void assembliesExpireAfterTenSeconds() {
        List<byte[]> frames = sender.split(message(2000));
        receiver.insertFrame(frames.get(0), PEER);
        clock.addAndGet(10_000_001);
        assertThat(receiver.insertFrame(frames.get(1), PEER)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        clock.addAndGet(1);
        assertThat(receiver.insertFrame(frames.get(0), PEER)).isInstanceOf(AssemblyBuffer.Frame.Message.class);
    }

    @Test
    void perHostBuffersAreBoundedOldestFirst() {
        List<List<byte[]>> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(sender.split(message(2000)));
        }
        for (List<byte[]> m : messages) {
            receiver.insertFrame(m.get(0), PEER);
        }
        // 256 KiB / 2000 bytes: only the newest 131 assemblies survive; the oldest are gone.
        assertThat(receiver.insertFrame(messages.get(0).get(1), PEER)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThat(receiver.insertFrame(messages.get(299).get(1), PEER)).isInstanceOf(AssemblyBuffer.Frame.Message.class);
    }

    @Test
    void hostsAreBoundedAndExpiredHostsMakeRoom() {
        byte[] first = sender.split(message(2000)).get(0);
        for (int i = 0; i < 256; i++) {
            receiver.insertFrame(first, SocketAddress.parse("10.0." + (i / 200) + "." + (i % 200) + ":1"));
        }
        SocketAddress latecomer = SocketAddress.parse("10.9.9.9:1");
        assertThat(receiver.insertFrame(first, latecomer)).isEqualTo(new AssemblyBuffer.Frame.Dropped("too_many_hosts"));
        assertThat(receiver.insertFrame(sender.split(message(100)).get(0), latecomer))
                .as("single-datagram messages need no reassembly slot").isInstanceOf(AssemblyBuffer.Frame.Message.class);
        clock.addAndGet(10_000_001);
        assertThat(receiver.insertFrame(first, latecomer)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThat(receiver.pendingPeers()).isEqualTo(1);
    }

    @Test
    void limitsAreConfigurable() {
        AssemblyBuffer oneHost = new AssemblyBuffer(clock::get,
                new AssemblyBuffer.Limits(1, 2, 65535, Duration.ofSeconds(1)));
        byte[] first = sender.split(message(2000)).get(0);
        assertThat(oneHost.insertFrame(first, PEER)).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThat(oneHost.insertFrame(first, SocketAddress.parse("127.0.0.2:1")))
                .isEqualTo(new AssemblyBuffer.Frame.Dropped("too_many_hosts"));
        clock.addAndGet(1_000_001);
        assertThat(oneHost.insertFrame(first, SocketAddress.parse("127.0.0.2:1"))).isInstanceOf(AssemblyBuffer.Frame.Pending.class);
        assertThatThrownBy(() -> new AssemblyBuffer.Limits(0, 1, 65535, Duration.ZERO))
                .hasMessageContaining("at least 1 host");
    }

    @Test
    void sequenceNumbersWrapAt16Bits() {
        for (int i = 0; i < 0x10000; i++) {
            sender.split(new byte[1]);
        }
        assertThat(sender.split(new byte[1]).get(0)).startsWith(1, 0, 0, 0);
    }
}
