package mutual.protocol.negentropy;

import java.util.List;

/**
 * A negentropy message: a protocol version byte and ranges in ascending order (protocol v1,
 * "Message"). Ranges after the last one are an implicit Skip to infinity. A message whose
 * version is not {@link Negentropy#PROTOCOL_VERSION} carries no ranges here: we cannot read them.
 */
public record Message(int version, List<Range> ranges) {
    public Message {
        if (version < 0x60 || version > 0x6f) throw new IllegalArgumentException("protocol versions are 0x60..0x6f");
        ranges = List.copyOf(ranges);
        if (version != Negentropy.PROTOCOL_VERSION && !ranges.isEmpty()) {
            throw new IllegalArgumentException("only version 0x61 messages can carry ranges");
        }
    }

    public static Message of(List<Range> ranges) {
        return new Message(Negentropy.PROTOCOL_VERSION, ranges);
    }

    /** Parses and checks a whole message against {@code limits}; throws {@link NegentropyException} if malformed. */
    public static Message parse(byte[] bytes, NegentropyLimits limits) {
        return MessageReader.parse(bytes, limits);
    }

    public boolean isSupportedVersion() {
        return version == Negentropy.PROTOCOL_VERSION;
    }

    public byte[] toBytes() {
        MessageWriter w = new MessageWriter(version);
        for (Range r : ranges) w.range(r);
        return w.toByteArray();
    }
}
