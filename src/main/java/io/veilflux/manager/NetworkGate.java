package io.veilflux.manager;

import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.transport.ConnectionGate;
import java.util.Optional;

/**
 * The gate the transports consult: the address filter's verdicts, counted in the manager's meters,
 * and, for a node behind the simulated NAT, no inbound connection from an address it has not sent to.
 */
final class NetworkGate implements ConnectionGate {
    private final AddressFilterGate filter;
    private final Optional<NatSimulation> nat;
    private final NetworkManagerMeters meters;

    NetworkGate(AddressFilterGate filter, Optional<NatSimulation> nat, NetworkManagerMeters meters) {
        this.filter = filter;
        this.nat = nat;
        this.meters = meters;
    }

    @Override
    public boolean isPunished(Address ip) {
        return filter.isPunished(ip);
    }

    @Override
    public Optional<String> acceptInbound(Address ip) {
        if (nat.isPresent() && !nat.get().admitsConnection(ip)) {
            meters.dropped("nat");
            return Optional.of("unsolicited inbound connection from " + ip + " (simulated NAT)");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> admit(Address ip) {
        return filter.admit(ip);
    }

    @Override
    public void release(Address ip) {
        filter.release(ip);
    }

    @Override
    public void reportInvalidFraming(Address ip) {
        meters.punished(PunishmentReason.INVALID_FRAMING);
        filter.reportInvalidFraming(ip);
    }

    @Override
    public void reportDialInfoFailure(DialInfo dialInfo) {
        filter.reportDialInfoFailure(dialInfo);
    }
}
