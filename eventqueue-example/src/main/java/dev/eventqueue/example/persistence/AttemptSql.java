package dev.eventqueue.example.persistence;

/** The attempts table's statements, in SQL that H2, PostgreSQL and MariaDB/MySQL all accept. */
final class AttemptSql {

    final String createTable;
    final String update;
    final String insert;
    final String selectById;

    /** @param table a validated identifier, substituted once */
    AttemptSql(String table) {
        createTable = """
                CREATE TABLE IF NOT EXISTS %s (
                    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
                    test_id        VARCHAR(100)  NOT NULL,
                    candidate_id   VARCHAR(100)  NOT NULL,
                    attempt_order  INTEGER       NOT NULL,
                    status         VARCHAR(20)   NOT NULL,
                    answers        VARCHAR(4000) NOT NULL,
                    started_at     TIMESTAMP(6)  NOT NULL,
                    submitted_at   TIMESTAMP(6)  NULL,
                    seconds_spent  BIGINT        NOT NULL,
                    updated_at     TIMESTAMP(6)  NOT NULL
                )""".formatted(table);
        update = """
                UPDATE %s
                   SET status = ?, answers = ?, submitted_at = ?, seconds_spent = ?, updated_at = ?
                 WHERE id = ?""".formatted(table);
        insert = """
                INSERT INTO %s (id, test_id, candidate_id, attempt_order, status, answers, started_at,
                                submitted_at, seconds_spent, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""".formatted(table);
        selectById = """
                SELECT id, test_id, candidate_id, attempt_order, status, answers, started_at, submitted_at,
                       seconds_spent
                  FROM %s
                 WHERE id = ?""".formatted(table);
    }
}
