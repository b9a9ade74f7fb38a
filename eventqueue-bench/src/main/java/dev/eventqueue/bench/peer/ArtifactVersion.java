package dev.eventqueue.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * A library's version as its jar's Maven metadata states it (the manifests of the peers do not), or,
 * for a jar built without that metadata, as the build recorded it in {@code peer-versions.properties}.
 */
final class ArtifactVersion {

    private static final String UNKNOWN = "(version unknown)";

    private ArtifactVersion() {}

    static String of(String groupId, String artifactId) {
        String fromPom = read("/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties", "version");
        return fromPom != null ? fromPom : read("peer-versions.properties", groupId + ":" + artifactId, UNKNOWN);
    }

    private static String read(String resource, String key) {
        return read(resource, key, null);
    }

    private static String read(String resource, String key, String otherwise) {
        try (InputStream in = ArtifactVersion.class.getResourceAsStream(resource)) {
            if (in == null) {
                return otherwise;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
