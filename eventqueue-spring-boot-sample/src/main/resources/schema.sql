create table if not exists attempt (
    id            varchar(64) primary key,
    test_id       varchar(64) not null,
    candidate_id  varchar(64) not null,
    attempt_order int         not null,
    status        varchar(16) not null,
    started_at    timestamp   not null,
    submitted_at  timestamp,
    seconds_spent bigint      not null
);
create table if not exists notification (
    attempt_id    varchar(64)  not null,
    candidate_id  varchar(64)  not null,
    message       varchar(255) not null,
    requested_by  varchar(64)
);
create table if not exists attempt_result (
    attempt_id    varchar(64) primary key,
    seconds_spent bigint      not null
);
