package io.veilflux.cli;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code veilflux keygen}: makes a fresh node key pair and prints its node id and key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a node key pair of the best crypto kind (VLD0).")
final class KeygenCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        KeyPair pair = Crypto.standard().best().generateKeyPair();
        PrintWriter out = spec.commandLine().getOut();
        out.println("node id:  " + pair.nodeId().encode());
        out.println("key pair: " + pair.encode());
        out.flush();
        return 0;
    }
}
