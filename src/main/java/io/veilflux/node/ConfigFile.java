package io.veilflux.node;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads configuration files with Veilid's key names into a {@link VeilfluxConfig.Builder}:
 * veilid-server's YAML layout ({@code core: network: rpc: timeout_ms: 5000}, dotted keys allowed
 * at any level) or a flat properties file ({@code network.rpc.timeout_ms=5000}), both through the
 * same keys and types as {@link VeilfluxConfig.Builder#set}. An unknown key is an error naming it;
 * Veilid settings veilflux does not implement are logged once and ignored.
 */
public final class ConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigFile.class);
    /** An empty value ({@code url:}) is null, as YAML means it; the factory builder leaves that off by default. */
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ConfigFile() {
    }

    /** The configuration in {@code file} over Veilid's defaults. */
    public static VeilfluxConfig load(Path file) {
        return VeilfluxConfig.builder().file(file).build();
    }

    /** Applies {@code file}: {@code .properties} as properties, anything else as YAML. */
    public static void read(Path file, VeilfluxConfig.Builder into) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (file.getFileName().toString().endsWith(".properties")) {
                readProperties(reader, file.toString(), into);
            } else {
                readYaml(reader, file.toString(), into);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Applies YAML in veilid-server's layout; {@code source} names it in messages. */
    public static void readYaml(Reader yaml, String source, VeilfluxConfig.Builder into) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("", source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("", source + ": expected a mapping of keys at the top, such as core: network: ...");
        }
        List<String> ignored = new ArrayList<>();
        inSource(source, () -> walk(root, "", into, ignored));
        logIgnored(source, ignored);
    }

    /** Applies {@code key=value} lines in the text form of {@link VeilfluxConfig.Builder#set}. */
    public static void readProperties(Reader properties, String source, VeilfluxConfig.Builder into) {
        Properties loaded = new Properties();
        try {
            loaded.load(properties);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("", source + ": not a valid properties file: " + e.getMessage(), e);
        }
        List<String> ignored = new ArrayList<>();
        inSource(source, () -> {
            for (String key : new TreeSet<>(loaded.stringPropertyNames())) {
                if (!ConfigKeys.apply(into, key, loaded.getProperty(key))) {
                    ignored.add(key);
                }
            }
        });
        logIgnored(source, ignored);
    }

    private static void walk(JsonNode node, String path, VeilfluxConfig.Builder into, List<String> ignored) {
        boolean key = ConfigKeys.find(path).isPresent();
        if (!key && ConfigKeys.isIgnored(path)) {
            ignored.add(path);
            return;
        }
        if (!key && node.isObject()) {
            if (node.isEmpty() && !ConfigKeys.isSection(path)) {
                throw ConfigKeys.unknown(path);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), into, ignored);
            }
            return;
        }
        if (!key && ConfigKeys.isSection(path)) {
            if (node.isNull()) {
                return;
            }
            throw new ConfigException(path, path + ": expected a mapping of keys, got "
                    + (node.isArray() ? "a list" : "'" + node.asText() + "'"));
        }
        ConfigKeys.apply(into, path, node);
    }

    private static void inSource(String source, Runnable apply) {
        try {
            apply.run();
        } catch (ConfigException e) {
            throw new ConfigException(e.key(), source + ": " + e.getMessage(), e);
        }
    }

    private static void logIgnored(String source, List<String> ignored) {
        if (!ignored.isEmpty()) {
            LOG.info("{}: ignoring Veilid settings veilflux does not implement: {}", source, String.join(", ", ignored));
        }
    }
}
