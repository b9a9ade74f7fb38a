package dev.eventqueue.spring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventqueue.audit.InMemoryAuditLog;
import dev.eventqueue.dashboard.DashboardApi;
import dev.eventqueue.queue.InMemoryEventQueueRepository;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Who may act through the dashboard in a Spring application: a user in the configured operator
 * role (as Spring Security answers {@code isUserInRole}); a signed-in user without it only looks.
 */
class DashboardServletRoleTest {

    private static final String RETRY_ALL = "{\"dryRun\":false}";

    private final DashboardApi api = DashboardApi.builder(new InMemoryEventQueueRepository(), new InMemoryAuditLog())
            .queueName("event_queue")
            .build();
    private final DashboardServlet servlet = new DashboardServlet(api, "QUEUE_OPERATOR", null);

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void aUserInTheOperatorRoleMayRetryAndIsNamedAsWhoDidIt() throws Exception {
        MockHttpServletResponse response = retry("alice", "QUEUE_OPERATOR");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("alice");
    }

    @Test
    void aUserWithoutTheRoleIsRefused() throws Exception {
        MockHttpServletResponse response = retry("bob", "VIEWER");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("read-only");
    }

    private MockHttpServletResponse retry(String user, String role) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/eventqueue/api/retry");
        request.setServletPath("/eventqueue");
        request.setPathInfo("/api/retry");
        request.setUserPrincipal(() -> user);
        request.addUserRole(role);
        request.setContentType("application/json");
        request.setContent(RETRY_ALL.getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}
