package io.veilflux.cli;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VeilfluxCommand.class.getPackage().getImplementationVersion();
        return new String[] {"veilflux " + (version == null ? "development" : version)
                + " (Veilid 0.5.3 network manager, wire format ENV0/RCP0, crypto VLD0)"};
    }
}
