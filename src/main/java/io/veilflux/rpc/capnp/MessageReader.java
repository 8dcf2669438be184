package io.veilflux.rpc.capnp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One untrusted message, read lazily from its segments. Every pointer is checked against its
 * segment before use, far pointers may not chain, and every struct or list reached is charged
 * to the traversal budget, so reading ends with a value or a {@link CapnpException} and costs at
 * most what the {@link ReadLimits} allow. Not thread-safe: the budget is shared by its readers.
 */
public final class MessageReader {
    private static final int WORD = 8;
    private static final int STRUCT = 0;
    private static final int LIST = 1;
    private static final int FAR = 2;
    private static final int CAPABILITY = 3;

    private final List<ByteBuffer> segments;
    private final int nestingDepth;
    private long budget;

    private MessageReader(List<ByteBuffer> segments, ReadLimits limits) {
        this.segments = segments;
        this.nestingDepth = limits.nestingDepth();
        this.budget = limits.traversalWords();
    }

    /** A message in the standard (unpacked) framing. */
    public static MessageReader unpacked(byte[] framed, ReadLimits limits) {
        return new MessageReader(Framing.segments(framed, limits), limits);
    }

    /** A packed message in the standard framing. */
    public static MessageReader packed(byte[] packed, ReadLimits limits) {
        return unpacked(Packing.unpack(packed, limits.maxMessageBytes()), limits);
    }

    /** The root struct; a null root reads as an empty struct, as in Cap'n Proto. */
    public StructReader root() {
        if (words(0) < 1) {
            throw new CapnpException(CapnpError.TRUNCATED, "first segment has no root pointer");
        }
        return struct(0, 0, nestingDepth);
    }

    /** Where a pointer leads: the object's segment and first word, and the word describing it. */
    private record Target(int segment, long word, long tag) {
        int kind() {
            return (int) tag & 3;
        }
    }

    PointerKind kind(int segment, long at) {
        Target target = resolve(segment, at);
        if (target == null) {
            return PointerKind.NULL;
        }
        return target.kind() == STRUCT ? PointerKind.STRUCT : PointerKind.LIST;
    }

    StructReader struct(int segment, long at, int depth) {
        Target target = resolve(segment, at);
        if (target == null) {
            return StructReader.EMPTY;
        }
        if (target.kind() != STRUCT) {
            throw new CapnpException(CapnpError.WRONG_POINTER_KIND, "expected a struct pointer, found a list");
        }
        descend(depth);
        int dataWords = (int) (target.tag >>> 32) & 0xFFFF;
        int pointers = (int) (target.tag >>> 48);
        within(target.segment, target.word, dataWords + pointers);
        charge(Math.max(1, dataWords + pointers));
        return new StructReader(this, target.segment, target.word, dataWords, pointers, depth - 1);
    }

    ListReader list(int segment, long at, int depth) {
        Target target = resolve(segment, at);
        if (target == null) {
            return ListReader.EMPTY;
        }
        if (target.kind() != LIST) {
            throw new CapnpException(CapnpError.WRONG_POINTER_KIND, "expected a list pointer, found a struct");
        }
        descend(depth);
        ElementSize size = ElementSize.ofCode((int) (target.tag >>> 32));
        long count = target.tag >>> 35;
        if (size != ElementSize.INLINE_COMPOSITE) {
            long words = size.words(count);
            within(target.segment, target.word, words);
            // A list of voids takes no words, yet each element costs a visit.
            charge(Math.max(1, size == ElementSize.VOID ? count : words));
            return new ListReader(this, target.segment, target.word, size, (int) count, 0, 0, depth - 1);
        }
        within(target.segment, target.word, count + 1);
        long tag = word(target.segment, target.word);
        if ((tag & 3) != STRUCT || (int) tag < 0) {
            throw new CapnpException(CapnpError.BAD_POINTER, "inline composite list tag is not a struct tag");
        }
        long elements = (tag & 0xFFFFFFFFL) >>> 2;
        int dataWords = (int) (tag >>> 32) & 0xFFFF;
        int pointers = (int) (tag >>> 48);
        if (elements * (dataWords + pointers) > count) {
            throw new CapnpException(CapnpError.BAD_POINTER, elements + " elements of " + (dataWords + pointers)
                    + " words overrun an inline composite list of " + count + " words");
        }
        // Zero-sized elements take no words, yet each costs a visit.
        charge(Math.max(count + 1, elements));
        return new ListReader(this, target.segment, target.word + 1, size, (int) elements, dataWords, pointers,
                depth - 1);
    }

    byte[] data(int segment, long at, int depth) {
        ListReader list = list(segment, at, depth);
        if (list.size() == 0) {
            return new byte[0];
        }
        if (list.elementSize() != ElementSize.BYTE) {
            throw new CapnpException(CapnpError.WRONG_POINTER_KIND, "expected a list of bytes, found elements of "
                    + list.elementSize());
        }
        return bytes(list.segment(), list.start() * WORD, list.size());
    }

    String text(int segment, long at, int depth) {
        byte[] bytes = data(segment, at, depth);
        if (bytes.length == 0) {
            return "";
        }
        if (bytes[bytes.length - 1] != 0) {
            throw new CapnpException(CapnpError.BAD_TEXT, "text is not NUL-terminated");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, bytes.length - 1))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CapnpException(CapnpError.BAD_TEXT, "text is not valid UTF-8");
        }
    }

    long word(int segment, long index) {
        return segments.get(segment).getLong((int) index * WORD);
    }

    byte[] bytes(int segment, long byteOffset, int length) {
        byte[] out = new byte[length];
        segments.get(segment).get((int) byteOffset, out);
        return out;
    }

    /** Follows the pointer at word {@code at} of {@code segment}, through at most one landing pad. */
    private Target resolve(int segment, long at) {
        long pointer = word(segment, at);
        if (pointer == 0) {
            return null;
        }
        int kind = (int) pointer & 3;
        if (kind == STRUCT || kind == LIST) {
            long offset = (int) pointer >> 2;
            return new Target(segment, at + 1 + offset, pointer);
        }
        if (kind != FAR) {
            throw new CapnpException(CapnpError.BAD_POINTER, "capability pointers are not used by Veilid");
        }
        boolean doublePad = (pointer & 4) != 0;
        int padSegment = segmentIndex(pointer >>> 32);
        long pad = (pointer >>> 3) & 0x1FFFFFFFL;
        within(padSegment, pad, doublePad ? 2 : 1);
        long landing = word(padSegment, pad);
        if (!doublePad) {
            int landingKind = (int) landing & 3;
            if (landing == 0 || landingKind == FAR || landingKind == CAPABILITY) {
                throw new CapnpException(CapnpError.BAD_POINTER, "far pointer's landing pad holds no struct or list pointer");
            }
            return new Target(padSegment, pad + 1 + ((int) landing >> 2), landing);
        }
        long tag = word(padSegment, pad + 1);
        int tagKind = (int) tag & 3;
        if (((int) landing & 7) != FAR || tagKind == FAR || tagKind == CAPABILITY) {
            throw new CapnpException(CapnpError.BAD_POINTER, "double landing pad is not a far pointer and a tag");
        }
        return new Target(segmentIndex(landing >>> 32), (landing >>> 3) & 0x1FFFFFFFL, tag);
    }

    private int segmentIndex(long id) {
        if (id >= segments.size()) {
            throw new CapnpException(CapnpError.POINTER_OUT_OF_BOUNDS, "far pointer to segment " + id + " of "
                    + segments.size());
        }
        return (int) id;
    }

    private int words(int segment) {
        return segments.get(segment).capacity() / WORD;
    }

    private void within(int segment, long word, long length) {
        if (word < 0 || word + length > words(segment)) {
            throw new CapnpException(CapnpError.POINTER_OUT_OF_BOUNDS, "object of " + length + " words at word " + word
                    + " overruns segment " + segment + " of " + words(segment) + " words");
        }
    }

    private static void descend(int depth) {
        if (depth <= 0) {
            throw new CapnpException(CapnpError.NESTING_LIMIT, "structs and lists nest deeper than the limit");
        }
    }

    private void charge(long words) {
        budget -= words;
        if (budget < 0) {
            throw new CapnpException(CapnpError.TRAVERSAL_LIMIT, "reading visited more words than the traversal limit");
        }
    }
}
