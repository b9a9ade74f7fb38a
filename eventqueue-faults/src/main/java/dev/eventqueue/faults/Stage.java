package dev.eventqueue.faults;

import java.nio.file.Path;
import java.time.Duration;

/** What a scenario plays on: the database, the settings, the no-fault throughput, the cluster it may restart. */
record Stage(
        Database database, Settings settings, double baselineThroughput, PrivateCluster cluster, Path logDirectory) {

    Run newRun(String scenario) throws Exception {
        return newRun(scenario, settings);
    }

    Run newRun(String scenario, Settings these) throws Exception {
        return new Run(database, scenario, these, logDirectory);
    }

    /** How long a run may take to drain before what is left counts as lost. */
    Duration drainTimeout() {
        return Duration.ofSeconds(settings.quick() ? 60 : 180);
    }

    Stage withBaseline(double throughput) {
        return new Stage(database, settings, throughput, cluster, logDirectory);
    }
}
