import GRDB

/// The database schema, as an ordered list of `DatabaseMigrator` migrations. Invariants live here
/// (NOT NULL, UNIQUE, foreign keys, CHECK) so that no code path can store a ticket without a plan,
/// a second acknowledgement for a ticket, or two rows for one (mailbox, UIDVALIDITY, UID).
///
/// Times are stored as UTC text (`YYYY-MM-DD HH:MM:SS.SSS`, GRDB's `Date` encoding), which sorts
/// and compares correctly and reads well in `sqlite3`.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tickets, messages, cursors, outbox, SLA events, quarantine, surveys") { db in
            try db.execute(sql: v1)
        }
        return migrator
    }

    private static let v1 = """
    CREATE TABLE tickets (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        customer            TEXT NOT NULL CHECK (length(customer) > 0),
        customer_name       TEXT,
        reply_address       TEXT NOT NULL CHECK (length(reply_address) > 0),
        plan                TEXT NOT NULL CHECK (plan IN ('pro','business','api','education','free')),
        priority            INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
        reasons             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
        subject             TEXT NOT NULL,
        language            TEXT NOT NULL CHECK (language IN ('pt','en','es')),
        status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        created_at          DATETIME NOT NULL,
        received_at         DATETIME NOT NULL,
        target_seconds      INTEGER NOT NULL CHECK (target_seconds > 0),
        due_at              DATETIME NOT NULL,
        ack_status          TEXT NOT NULL CHECK (ack_status IN ('pending','sent','failed','skipped')),
        ack_skip_reason     TEXT,
        acknowledged_at     DATETIME,
        response_seconds    INTEGER CHECK (response_seconds >= 0),
        response_met        BOOLEAN,
        at_risk_at          DATETIME,
        breached_at         DATETIME,
        agent_response_at   DATETIME,
        agent_response_seconds INTEGER CHECK (agent_response_seconds >= 0),
        agent               TEXT,
        resolved_at         DATETIME,
        resolution_comment  TEXT,
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CHECK ((acknowledged_at IS NULL) = (response_seconds IS NULL)),
        CHECK ((acknowledged_at IS NULL) = (response_met IS NULL)),
        CHECK ((ack_status = 'sent') = (acknowledged_at IS NOT NULL)),
        CHECK ((ack_status = 'skipped') = (ack_skip_reason IS NOT NULL))
    );
    CREATE INDEX tickets_status ON tickets(status, ack_status);
    CREATE INDEX tickets_customer ON tickets(customer);
    CREATE INDEX tickets_received ON tickets(received_at);

    CREATE TABLE messages (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id       INTEGER REFERENCES tickets(id) ON DELETE RESTRICT,
        direction       TEXT NOT NULL CHECK (direction IN ('in','out')),
        kind            TEXT NOT NULL CHECK (kind IN ('ticket','followup','survey_answer','agent','bounce',
                                                      'automated','own','ack','survey')),
        reason          TEXT,
        message_id      TEXT CHECK (message_id IS NULL OR length(message_id) > 0),
        sender          TEXT,
        subject         TEXT NOT NULL DEFAULT '',
        mailbox         TEXT,
        uidvalidity     INTEGER CHECK (uidvalidity IS NULL OR uidvalidity > 0),
        uid             INTEGER CHECK (uid IS NULL OR uid > 0),
        internal_date   DATETIME,
        recorded_at     DATETIME NOT NULL,
        raw             BLOB NOT NULL,
        size            INTEGER NOT NULL CHECK (size >= 0),
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        UNIQUE (mailbox, uidvalidity, uid),
        UNIQUE (ticket_id, message_id),
        CHECK ((mailbox IS NULL) = (uid IS NULL) AND (uid IS NULL) = (uidvalidity IS NULL)),
        CHECK (direction = 'in' OR kind IN ('ack','survey','own')),
        CHECK (direction = 'out' OR internal_date IS NOT NULL),
        CHECK (kind IN ('automated','own','bounce') OR ticket_id IS NOT NULL)
    );
    CREATE INDEX messages_message_id ON messages(message_id);
    CREATE INDEX messages_sha256 ON messages(sha256);
    CREATE INDEX messages_ticket ON messages(ticket_id, recorded_at);

    CREATE TABLE mailbox_cursors (
        mailbox         TEXT PRIMARY KEY NOT NULL,
        uidvalidity     INTEGER NOT NULL CHECK (uidvalidity > 0),
        last_uid        INTEGER NOT NULL CHECK (last_uid >= 0),
        backfill_until  DATETIME,
        updated_at      DATETIME NOT NULL
    );

    CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        kind            TEXT NOT NULL CHECK (kind IN ('ack','survey')),
        ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
        recipient       TEXT NOT NULL CHECK (length(recipient) > 0),
        recipient_name  TEXT,
        message_id      TEXT NOT NULL UNIQUE CHECK (length(message_id) > 0),
        in_reply_to     TEXT,
        "references"    TEXT NOT NULL DEFAULT '',
        language        TEXT NOT NULL CHECK (language IN ('pt','en','es')),
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        created_at      DATETIME NOT NULL,
        next_attempt_at DATETIME NOT NULL,
        last_error      TEXT,
        sent_at         DATETIME,
        smtp_reply      INTEGER,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX outbox_one_ack_per_ticket ON outbox(ticket_id) WHERE kind = 'ack';
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_recipient ON outbox(recipient, kind, created_at);

    CREATE TABLE sla_events (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
        kind            TEXT NOT NULL CHECK (kind IN ('received','acknowledged','ack_failed','ack_skipped',
                                                      'at_risk','breached','followup','resolved','reopened',
                                                      'survey_queued','survey_sent','survey_answered',
                                                      'agent_response','bounce')),
        at              DATETIME NOT NULL,
        detail          TEXT
    );
    CREATE UNIQUE INDEX sla_events_once ON sla_events(ticket_id, kind)
        WHERE kind IN ('received','acknowledged','at_risk','breached');
    CREATE INDEX sla_events_ticket ON sla_events(ticket_id, at);

    CREATE TABLE quarantine (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        mailbox         TEXT NOT NULL,
        uidvalidity     INTEGER NOT NULL CHECK (uidvalidity > 0),
        uid             INTEGER NOT NULL CHECK (uid > 0),
        reason          TEXT NOT NULL CHECK (reason IN ('unparseable','too_large','no_sender','invalid')),
        detail          TEXT NOT NULL DEFAULT '',
        raw             BLOB NOT NULL,
        size            INTEGER NOT NULL CHECK (size >= 0),
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        internal_date   DATETIME NOT NULL,
        quarantined_at  DATETIME NOT NULL,
        released_at     DATETIME,
        UNIQUE (mailbox, uidvalidity, uid)
    );

    CREATE TABLE surveys (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
        outbox_id       INTEGER NOT NULL UNIQUE REFERENCES outbox(id) ON DELETE RESTRICT,
        customer        TEXT NOT NULL,
        queued_at       DATETIME NOT NULL
    );
    CREATE INDEX surveys_customer ON surveys(customer, queued_at);

    CREATE TABLE survey_answers (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id       INTEGER NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
        message_row_id  INTEGER REFERENCES messages(id) ON DELETE RESTRICT,
        rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment         TEXT,
        answered_at     DATETIME NOT NULL
    );
    CREATE INDEX survey_answers_ticket ON survey_answers(ticket_id, answered_at);
    """
}
