package dev.eventqueue.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A library's version as its jar's Maven metadata states it (the manifests of the peers do not). */
final class ArtifactVersion {

    private ArtifactVersion() {}

    static String of(String groupId, String artifactId) {
        String path = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = ArtifactVersion.class.getResourceAsStream(path)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            return "(version unknown)";
        }
    }
}
