package io.veilflux.bootstrap;

import io.veilflux.crypto.PublicKey;
import java.util.List;
import java.util.OptionalLong;

/**
 * A TXT record read up to its dial infos ({@link BootstrapRecord#read}); the v1 timestamp is still
 * text, because Veilid reads it only once the record turned out to have usable dial infos.
 *
 * @param timestampField the v1 timestamp field as written; empty for v0
 */
record RecordFields(int version, List<String> envelopeSupport, List<PublicKey> keys, String hostname,
                    List<ShortDialInfo> shortDialInfos, String timestampField, List<String> extra) {

    /** The v1 timestamp in seconds (empty for v0); a field that is not a u64 is an error. */
    OptionalLong timestamp() {
        if (version == BootstrapRecord.VERSION_0) {
            return OptionalLong.empty();
        }
        OptionalLong seconds = UnsignedNumbers.parseU64(timestampField);
        if (seconds.isEmpty()) {
            throw new BootstrapRecordException("v1 bootstrap record has an invalid timestamp '" + timestampField + "'");
        }
        return seconds;
    }

    BootstrapRecord toRecord() {
        return new BootstrapRecord(version, envelopeSupport, keys, hostname, shortDialInfos, timestamp(), extra);
    }
}
