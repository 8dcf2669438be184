package io.veilflux.cli.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector file in ../shared/vectors must pass, unedited. */
class VectorFilesTest {

    static Path vectorsDir() {
        Path dir = Path.of(System.getProperty("veilflux.vectors.dir", "../shared/vectors")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            fail("vector folder " + dir + " is missing: the shared vectors must sit beside the project checkout "
                    + "(../shared/vectors), or pass -Dveilflux.vectors.dir=<folder>");
        }
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> everySharedVectorFilePasses() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(vectorsDir())) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("vector files in " + vectorsDir()).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String schema = VectorFiles.schemaOf(file);
            assumeTrue(VectorFiles.isSupported(schema),
                    "schema " + schema + " is not read yet (the RPC vectors arrive with the routing and RPC issue)");
            CheckReport report = VectorFiles.check(file);
            assertThat(report.mismatches()).as(report.summary()).isEmpty();
            assertThat(report.passed()).isPositive();
        }));
    }
}
