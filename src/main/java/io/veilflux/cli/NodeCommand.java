package io.veilflux.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.veilflux.net.Address;
import io.veilflux.node.ConfigException;
import io.veilflux.node.MetricsServer;
import io.veilflux.node.MetricsServerConfig;
import io.veilflux.node.NodeStatusPage;
import io.veilflux.node.VeilfluxConfig;
import io.veilflux.node.VeilfluxNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veilflux node}: runs a node until Ctrl-C. Settings come from Veilid's defaults, then
 * {@code --config}, then the flags, then each {@code --set} in order. Prints the node id and
 * dial infos once the node is up, asks its bootstrap sources for peers, and with
 * {@code --metrics-port} (or {@code metrics.enabled}) serves Prometheus metrics and a status page.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node until Ctrl-C. Keys for --set and --config are Veilid's names (network.rpc.timeout_ms).")
final class NodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Where the command registers what runs when the JVM is asked to exit (Ctrl-C, SIGTERM). */
    interface ShutdownHooks {
        void register(Thread hook);

        ShutdownHooks RUNTIME = hook -> Runtime.getRuntime().addShutdownHook(hook);
    }

    @Option(names = "--listen", paramLabel = "ADDRESS",
            description = "UDP, TCP and WS listen address: host:port, :port or [ipv6]:port; port 0 picks a free one (default :5150)")
    private String listen;

    @Option(names = "--bootstrap", paramLabel = "ENTRY",
            description = "a bootstrap dial info URL (udp://192.0.2.7:5150) or DNS name; repeat for more; replaces the default."
                    + " A plain node answers only unsigned bootstrap requests: add --set network.routing_table.bootstrap_keys=")
    private List<String> bootstrap = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "a YAML (veilid-server layout) or .properties config file")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a setting by Veilid's key name, such as network.rpc.timeout_ms=3000; repeatable, applied last")
    private List<String> settings = new ArrayList<>();

    @Option(names = "--address-profile", paramLabel = "PROFILE",
            description = "stock, or loopback-as-public for networks on one machine (veilflux.address_profile)")
    private String addressProfile;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve /metrics (Prometheus) and a status page on metrics.bind_address:PORT; 0 picks a free port")
    private Integer metricsPort;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final ShutdownHooks hooks;

    NodeCommand() {
        this(ShutdownHooks.RUNTIME);
    }

    NodeCommand(ShutdownHooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public Integer call() {
        VeilfluxConfig config = config();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VeilfluxNode node = VeilfluxNode.builder().config(config).meterRegistry(registry).build();
        PrintWriter out = spec.commandLine().getOut();
        Optional<MetricsServer> metrics;
        try {
            node.start().block(START_TIMEOUT);
            metrics = metricsServer(config, registry, node);
        } catch (RuntimeException e) {
            node.close();
            registry.close();
            spec.commandLine().getErr().println("cannot start the node: " + e.getMessage());
            return 1;
        }
        out.println("node id:   " + node.nodeId());
        node.dialInfos().forEach(d -> out.println("dial info: " + d));
        metrics.ifPresent(m -> out.println("metrics:   http://" + m.address() + "/"));
        out.flush();
        node.bootstrap().subscribe(peers -> { }, e -> LOG.warn("bootstrap failed: {}", e.toString()));

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            LOG.info("stopping node {}", node.nodeId());
            try {
                metrics.ifPresent(MetricsServer::close);
                node.close();
                registry.close();
            } finally {
                stopped.countDown();
            }
        };
        hooks.register(new Thread(stop, "veilflux-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.run();
            return 1;
        }
        out.println("stopped");
        out.flush();
        return 0;
    }

    /** Defaults, then the file, then the flags, then each {@code --set}. */
    private VeilfluxConfig config() {
        try {
            VeilfluxConfig.Builder builder = VeilfluxConfig.builder();
            if (configFile != null) {
                builder.file(configFile);
            }
            if (listen != null) {
                builder.listen(listen);
            }
            if (!bootstrap.isEmpty()) {
                builder.bootstrap(bootstrap.toArray(String[]::new));
            }
            if (addressProfile != null) {
                builder.set("veilflux.address_profile", addressProfile);
            }
            if (metricsPort != null) {
                builder.set("metrics.port", metricsPort.toString()).metricsEnabled(true);
            }
            for (String setting : settings) {
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--set " + setting + ": expected KEY=VALUE, such as network.rpc.timeout_ms=3000");
                }
                builder.set(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
            }
            return builder.build();
        } catch (ConfigException | UncheckedIOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static Optional<MetricsServer> metricsServer(VeilfluxConfig config, PrometheusMeterRegistry registry,
                                                         VeilfluxNode node) {
        VeilfluxConfig.Metrics metrics = config.metrics();
        if (!metrics.enabled()) {
            return Optional.empty();
        }
        Address bindAddress;
        try {
            bindAddress = Address.parse(metrics.bindAddress());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("metrics.bind_address", "metrics.bind_address: " + e.getMessage());
        }
        MetricsServerConfig serverConfig = MetricsServerConfig.onPort(metrics.port()).withBindAddress(bindAddress);
        return Optional.of(MetricsServer.start(serverConfig, registry, () -> NodeStatusPage.of(node)).block(START_TIMEOUT));
    }
}
