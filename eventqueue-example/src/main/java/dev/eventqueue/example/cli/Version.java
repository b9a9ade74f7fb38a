package dev.eventqueue.example.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"eventqueue " + (version != null ? version : "0.1.0-SNAPSHOT (development build)")};
    }
}
