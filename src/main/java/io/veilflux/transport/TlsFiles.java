package io.veilflux.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS contexts from PEM files, as Veilid's {@code network.tls.certificate_path} and
 * {@code private_key_path}: a certificate chain and a PKCS#8 private key for the WSS listener,
 * and optionally extra trusted certificates for dialling WSS peers.
 */
public final class TlsFiles {
    private TlsFiles() {
    }

    /** The WSS server context; no client authentication. */
    public static SslContext serverContext(Path certificateChainPem, Path privateKeyPem) {
        requireReadable(certificateChainPem, "network.tls.certificate_path");
        requireReadable(privateKeyPem, "network.tls.private_key_path");
        try {
            return SslContextBuilder.forServer(certificateChainPem.toFile(), privateKeyPem.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load the TLS certificate chain " + certificateChainPem
                    + " and key " + privateKeyPem + " (PEM, key in PKCS#8 'BEGIN PRIVATE KEY' form): " + e.getMessage(), e);
        }
    }

    /** A client context that trusts the certificates in {@code trustedPem} (instead of the JDK's roots). */
    public static SslContext clientContextTrusting(Path trustedPem) {
        requireReadable(trustedPem, "trusted certificates");
        try {
            return SslContextBuilder.forClient().trustManager(trustedPem.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot load trusted certificates from " + trustedPem + ": " + e.getMessage(), e);
        }
    }

    private static void requireReadable(Path path, String what) {
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(what + " " + path + " does not exist or cannot be read");
        }
    }
}
