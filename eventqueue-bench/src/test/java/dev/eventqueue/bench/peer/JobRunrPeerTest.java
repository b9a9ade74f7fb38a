package dev.eventqueue.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventqueue.bench.store.Database;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.utils.JarUtils;
import org.junit.jupiter.api.Test;

class JobRunrPeerTest {

    @Test
    void labelNamesTheVersionOfTheJobRunrJarInUse() {
        String jarVersion = JarUtils.getVersion(JobScheduler.class);

        assertThat(jarVersion).isNotBlank();
        assertThat(new JobRunrPeer().label()).isEqualTo("JobRunr " + jarVersion);
    }

    @Test
    void runsEveryJobOnTheLocalPostgreSql() throws Exception {
        assumeTrue(Database.POSTGRESQL.probeVersion() != null, "PostgreSQL is not reachable");

        // The run throws unless every job ran and JobRunr counts all of them as succeeded.
        double perSecond = new JobRunrPeer().run(300, 100, "{\"n\":1}");

        assertThat(perSecond).isPositive();
    }
}
