package dev.eventqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports what users call and keeps the dispatcher's machinery to itself. */
class ModuleSurfaceTest {

    @Test
    void everyPackageButTheDispatchersMachineryIsExportedToAll() {
        ModuleDescriptor module = EventDispatcher.class.getModule().getDescriptor();
        assertThat(module).as("the tests run inside the named module").isNotNull();
        assertThat(module.name()).isEqualTo("dev.eventqueue.core");

        Set<String> exported = module.exports().stream()
                .filter(exports -> !exports.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(module.packages());
        expected.remove("dev.eventqueue.dispatch");

        assertThat(exported).isEqualTo(expected).doesNotContain("dev.eventqueue.dispatch");
    }
}
