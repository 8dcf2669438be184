package io.veilflux.routing;

import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import java.util.List;
import java.util.Set;

/**
 * What a node says about itself in one routing domain; its node is relayed exactly when
 * {@code relayInfoList} is not empty (Veilid 0.5 has no separate relayed form).
 *
 * @param timestamp microseconds since the Unix epoch (Veilid's u64, as Java's signed long)
 * @param envelopeSupport envelope versions, such as {@link FourCc#ENV0}
 * @param capabilities capability codes, kept even when unknown here
 */
public record NodeInfo(long timestamp, List<FourCc> envelopeSupport, List<CryptoInfo> cryptoInfoList,
        List<FourCc> capabilities, Set<ProtocolType> outboundProtocols, Set<AddressType> addressTypes,
        List<DialInfoDetail> dialInfoDetailList, List<RelayInfo> relayInfoList) {

    public NodeInfo {
        envelopeSupport = List.copyOf(envelopeSupport);
        cryptoInfoList = List.copyOf(cryptoInfoList);
        capabilities = List.copyOf(capabilities);
        outboundProtocols = Set.copyOf(outboundProtocols);
        addressTypes = Set.copyOf(addressTypes);
        dialInfoDetailList = List.copyOf(dialInfoDetailList);
        relayInfoList = List.copyOf(relayInfoList);
    }
}
