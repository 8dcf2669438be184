package io.veilflux.manager;

import io.veilflux.filter.AddConnectionResult;
import io.veilflux.filter.AddressFilter;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.transport.ConnectionGate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the node's {@link AddressFilter} in front of its transports: punished addresses are
 * dropped and refused, connections count against the per-IP limits, broken framing punishes the
 * IP ({@code InvalidFraming}) and unreachable dial infos are remembered.
 */
public final class AddressFilterGate implements ConnectionGate {
    private final AddressFilter filter;

    public AddressFilterGate(AddressFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public boolean isPunished(Address ip) {
        return filter.isIpAddrPunished(ip);
    }

    @Override
    public Optional<String> admit(Address ip) {
        AddConnectionResult result = filter.addConnection(ip);
        return result.isAccepted() ? Optional.empty() : Optional.of(result.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void release(Address ip) {
        filter.removeConnection(ip);
    }

    @Override
    public void reportInvalidFraming(Address ip) {
        filter.punishIpAddr(ip, PunishmentReason.INVALID_FRAMING);
    }

    @Override
    public void reportDialInfoFailure(DialInfo dialInfo) {
        filter.setDialInfoFailed(dialInfo);
    }
}
