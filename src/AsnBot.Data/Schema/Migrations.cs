using System.Data.Common;
using System.Globalization;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// Ordered schema scripts, one numbered list for both providers: an entry is one portable script, or a SQLite script
/// and its PostgreSQL twin where the SQL must differ (column types, triggers, random bytes). The schema version says
/// how many have run (SQLite: <c>PRAGMA user_version</c>; PostgreSQL: the one row of <c>schema_version</c>); each
/// script and its version bump commit together, so a crash never leaves half a migration. PostgreSQL columns keep
/// SQLite's value formats (instants as the same UTC text) and its byte order for text (<c>COLLATE "C"</c>), so
/// queries, ordering and exports read the same on both.
/// </summary>
internal static class Migrations
{
    // Session positions to question codes (script 11). The positions are those of the built-in survey
    // skm-permenpanrb-14-2017 v1, the only one the bot has run; a position outside it was read as the nearest end.
    private const string QuestionCodes = """
        UPDATE session SET question_code =
            CASE
                WHEN question_index <= 0 THEN 'AGE'
                WHEN question_index = 1 THEN 'SEX'
                WHEN question_index = 2 THEN 'EDU'
                WHEN question_index = 3 THEN 'JOB'
                WHEN question_index = 4 THEN 'U1'
                WHEN question_index = 5 THEN 'U2'
                WHEN question_index = 6 THEN 'U3'
                WHEN question_index = 7 THEN 'U4'
                WHEN question_index = 8 THEN 'U5'
                WHEN question_index = 9 THEN 'U6'
                WHEN question_index = 10 THEN 'U7'
                WHEN question_index = 11 THEN 'U8'
                WHEN question_index = 12 THEN 'U9'
                ELSE 'SARAN'
            END;
        ALTER TABLE session DROP COLUMN question_index;
        """;

    // PostgreSQL's version row, made by the first migration; the advisory lock keeps two instances starting together
    // from running the same script twice (the second waits, then finds the version moved on).
    private const string PostgresVersion = """
        SELECT pg_advisory_xact_lock(7301160001);
        CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);
        INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version);
        """;

    private static readonly Step[] Scripts =
    [
        new(
            """
            CREATE TABLE bot_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                next_update_id INTEGER NOT NULL,
                updated_at TEXT NOT NULL
            );
            INSERT INTO bot_state (id, next_update_id, updated_at) VALUES (1, 0, '1970-01-01T00:00:00.0000000+00:00');

            CREATE TABLE resident (
                user_id INTEGER PRIMARY KEY,
                chat_id INTEGER NOT NULL,
                language TEXT NOT NULL,
                consent_version TEXT NOT NULL,
                consented_at TEXT NOT NULL,
                subscribed INTEGER NOT NULL DEFAULT 1,
                blocked_at TEXT NULL
            );

            CREATE TABLE response (
                id INTEGER PRIMARY KEY,
                resident_id INTEGER NULL REFERENCES resident (user_id) ON DELETE SET NULL,
                round_code TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                service_code TEXT NULL,
                survey_id TEXT NOT NULL,
                survey_version INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
                started_at TEXT NOT NULL,
                submitted_at TEXT NULL
            );
            CREATE UNIQUE INDEX ux_response_once_per_round
                ON response (resident_id, round_code, unit_code)
                WHERE status = 'submitted' AND resident_id IS NOT NULL;
            CREATE INDEX ix_response_round_unit ON response (round_code, unit_code, status);

            CREATE TABLE answer (
                response_id INTEGER NOT NULL REFERENCES response (id) ON DELETE CASCADE,
                question_code TEXT NOT NULL,
                answer_code TEXT NULL,
                answer_text TEXT NULL,
                answered_at TEXT NOT NULL,
                PRIMARY KEY (response_id, question_code)
            );

            CREATE TABLE session (
                chat_id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES resident (user_id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                step INTEGER NOT NULL,
                response_id INTEGER NULL REFERENCES response (id) ON DELETE SET NULL,
                question_index INTEGER NOT NULL DEFAULT 0,
                back_to_review INTEGER NOT NULL DEFAULT 0,
                unit_page INTEGER NOT NULL DEFAULT 0,
                return_state TEXT NULL,
                pending_unit TEXT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                chat_id INTEGER NOT NULL,
                priority INTEGER NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before TEXT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX ix_outbox_order ON outbox (priority, id);
            CREATE INDEX ix_outbox_chat ON outbox (chat_id, id);
            CREATE INDEX ix_outbox_not_before ON outbox (not_before) WHERE not_before IS NOT NULL;
            """,
            """
            CREATE TABLE bot_state (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                next_update_id BIGINT NOT NULL,
                updated_at TEXT COLLATE "C" NOT NULL
            );
            INSERT INTO bot_state (id, next_update_id, updated_at) VALUES (1, 0, '1970-01-01T00:00:00.0000000+00:00');

            CREATE TABLE resident (
                user_id BIGINT PRIMARY KEY,
                chat_id BIGINT NOT NULL,
                language TEXT COLLATE "C" NOT NULL,
                consent_version TEXT COLLATE "C" NOT NULL,
                consented_at TEXT COLLATE "C" NOT NULL,
                subscribed BOOLEAN NOT NULL DEFAULT TRUE,
                blocked_at TEXT COLLATE "C" NULL
            );

            CREATE TABLE response (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                resident_id BIGINT NULL REFERENCES resident (user_id) ON DELETE SET NULL,
                round_code TEXT COLLATE "C" NOT NULL,
                unit_code TEXT COLLATE "C" NOT NULL,
                service_code TEXT COLLATE "C" NULL,
                survey_id TEXT COLLATE "C" NOT NULL,
                survey_version BIGINT NOT NULL,
                status TEXT COLLATE "C" NOT NULL CHECK (status IN ('draft', 'submitted')),
                started_at TEXT COLLATE "C" NOT NULL,
                submitted_at TEXT COLLATE "C" NULL
            );
            CREATE UNIQUE INDEX ux_response_once_per_round
                ON response (resident_id, round_code, unit_code)
                WHERE status = 'submitted' AND resident_id IS NOT NULL;
            CREATE INDEX ix_response_round_unit ON response (round_code, unit_code, status);

            CREATE TABLE answer (
                response_id BIGINT NOT NULL REFERENCES response (id) ON DELETE CASCADE,
                question_code TEXT COLLATE "C" NOT NULL,
                answer_code TEXT COLLATE "C" NULL,
                answer_text TEXT COLLATE "C" NULL,
                answered_at TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (response_id, question_code)
            );

            CREATE TABLE session (
                chat_id BIGINT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES resident (user_id) ON DELETE CASCADE,
                state TEXT COLLATE "C" NOT NULL,
                step BIGINT NOT NULL,
                response_id BIGINT NULL REFERENCES response (id) ON DELETE SET NULL,
                question_index BIGINT NOT NULL DEFAULT 0,
                back_to_review BOOLEAN NOT NULL DEFAULT FALSE,
                unit_page BIGINT NOT NULL DEFAULT 0,
                return_state TEXT COLLATE "C" NULL,
                pending_unit TEXT COLLATE "C" NULL,
                updated_at TEXT COLLATE "C" NOT NULL
            );

            -- Outbox ids come from an identity, never used twice (SQLite needed AUTOINCREMENT for that, script 6).
            CREATE TABLE outbox (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                chat_id BIGINT NOT NULL,
                priority BIGINT NOT NULL,
                kind TEXT COLLATE "C" NOT NULL,
                payload TEXT COLLATE "C" NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                not_before TEXT COLLATE "C" NULL,
                created_at TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX ix_outbox_order ON outbox (priority, id);
            CREATE INDEX ix_outbox_chat ON outbox (chat_id, id);
            CREATE INDEX ix_outbox_not_before ON outbox (not_before) WHERE not_before IS NOT NULL;
            """),
        new(
            """
            CREATE TABLE complaint (
                id INTEGER PRIMARY KEY,
                tracking_no TEXT NULL UNIQUE,
                resident_id INTEGER NULL REFERENCES resident (user_id) ON DELETE SET NULL,
                category_code TEXT NULL,
                unit_code TEXT NULL,
                description TEXT NULL,
                latitude REAL NULL,
                longitude REAL NULL,
                privacy TEXT NULL CHECK (privacy IN ('identified', 'anonymous', 'confidential')),
                status TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 0,
                reopened INTEGER NOT NULL DEFAULT 0,
                duplicate_of TEXT NULL,
                created_at TEXT NOT NULL,
                submitted_at TEXT NULL,
                first_response_at TEXT NULL,
                resolved_at TEXT NULL,
                reopened_at TEXT NULL,
                last_overdue_notice TEXT NULL
            );
            CREATE INDEX ix_complaint_resident ON complaint (resident_id, created_at);
            CREATE INDEX ix_complaint_unit_category ON complaint (unit_code, category_code, submitted_at);
            CREATE INDEX ix_complaint_status ON complaint (status, submitted_at);

            CREATE TABLE complaint_photo (
                complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                file_id TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'too_large', 'failed')),
                path TEXT NULL,
                bytes INTEGER NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (complaint_id, seq)
            );

            CREATE TABLE complaint_event (
                id INTEGER PRIMARY KEY,
                complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                from_status TEXT NULL,
                to_status TEXT NOT NULL,
                note TEXT NULL
            );
            CREATE INDEX ix_complaint_event ON complaint_event (complaint_id, id);

            CREATE TABLE sent_message (
                chat_id INTEGER NOT NULL,
                message_id INTEGER NOT NULL,
                tag TEXT NOT NULL,
                sent_at TEXT NOT NULL,
                PRIMARY KEY (chat_id, message_id)
            );

            ALTER TABLE session ADD COLUMN flow TEXT NOT NULL DEFAULT 'survey';
            ALTER TABLE session ADD COLUMN complaint_state TEXT NOT NULL DEFAULT 'Idle';
            ALTER TABLE session ADD COLUMN complaint_id INTEGER NULL REFERENCES complaint (id) ON DELETE SET NULL;
            """,
            """
            CREATE TABLE complaint (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                tracking_no TEXT COLLATE "C" NULL UNIQUE,
                resident_id BIGINT NULL REFERENCES resident (user_id) ON DELETE SET NULL,
                category_code TEXT COLLATE "C" NULL,
                unit_code TEXT COLLATE "C" NULL,
                description TEXT COLLATE "C" NULL,
                latitude DOUBLE PRECISION NULL,
                longitude DOUBLE PRECISION NULL,
                privacy TEXT COLLATE "C" NULL CHECK (privacy IN ('identified', 'anonymous', 'confidential')),
                status TEXT COLLATE "C" NOT NULL,
                version BIGINT NOT NULL DEFAULT 0,
                reopened BOOLEAN NOT NULL DEFAULT FALSE,
                duplicate_of TEXT COLLATE "C" NULL,
                created_at TEXT COLLATE "C" NOT NULL,
                submitted_at TEXT COLLATE "C" NULL,
                first_response_at TEXT COLLATE "C" NULL,
                resolved_at TEXT COLLATE "C" NULL,
                reopened_at TEXT COLLATE "C" NULL,
                last_overdue_notice TEXT COLLATE "C" NULL
            );
            CREATE INDEX ix_complaint_resident ON complaint (resident_id, created_at);
            CREATE INDEX ix_complaint_unit_category ON complaint (unit_code, category_code, submitted_at);
            CREATE INDEX ix_complaint_status ON complaint (status, submitted_at);

            CREATE TABLE complaint_photo (
                complaint_id BIGINT NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
                seq BIGINT NOT NULL,
                file_id TEXT COLLATE "C" NOT NULL,
                status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'stored', 'too_large', 'failed')),
                path TEXT COLLATE "C" NULL,
                bytes BIGINT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                PRIMARY KEY (complaint_id, seq)
            );

            CREATE TABLE complaint_event (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                complaint_id BIGINT NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
                at TEXT COLLATE "C" NOT NULL,
                actor TEXT COLLATE "C" NOT NULL,
                from_status TEXT COLLATE "C" NULL,
                to_status TEXT COLLATE "C" NOT NULL,
                note TEXT COLLATE "C" NULL
            );
            CREATE INDEX ix_complaint_event ON complaint_event (complaint_id, id);

            CREATE TABLE sent_message (
                chat_id BIGINT NOT NULL,
                message_id BIGINT NOT NULL,
                tag TEXT COLLATE "C" NOT NULL,
                sent_at TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (chat_id, message_id)
            );

            ALTER TABLE session ADD COLUMN flow TEXT COLLATE "C" NOT NULL DEFAULT 'survey';
            ALTER TABLE session ADD COLUMN complaint_state TEXT COLLATE "C" NOT NULL DEFAULT 'Idle';
            ALTER TABLE session ADD COLUMN complaint_id BIGINT NULL REFERENCES complaint (id) ON DELETE SET NULL;
            """),
        new(
            """
            CREATE TABLE document_job (
                id INTEGER PRIMARY KEY,
                chat_id INTEGER NOT NULL,
                requested_by INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('export', 'complaints', 'report')),
                format TEXT NOT NULL,
                round_code TEXT NOT NULL,
                unit_code TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
                created_at TEXT NOT NULL,
                finished_at TEXT NULL
            );
            CREATE INDEX ix_document_job_pending ON document_job (status, id);
            """,
            """
            CREATE TABLE document_job (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                chat_id BIGINT NOT NULL,
                requested_by BIGINT NOT NULL,
                kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('export', 'complaints', 'report')),
                format TEXT COLLATE "C" NOT NULL,
                round_code TEXT COLLATE "C" NOT NULL,
                unit_code TEXT COLLATE "C" NULL,
                status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
                created_at TEXT COLLATE "C" NOT NULL,
                finished_at TEXT COLLATE "C" NULL
            );
            CREATE INDEX ix_document_job_pending ON document_job (status, id);
            """),
        new(
            """
            -- Running counts of submitted answers per round, unit, question and answer code, kept by the
            -- database itself, so the IKM report reads a few hundred rows instead of grouping every answer.
            CREATE TABLE score_tally (
                round_code TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                question_code TEXT NOT NULL,
                answer_code TEXT NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (round_code, unit_code, question_code, answer_code)
            );

            INSERT INTO score_tally (round_code, unit_code, question_code, answer_code, count)
            SELECT r.round_code, r.unit_code, a.question_code, a.answer_code, COUNT(*)
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.status = 'submitted' AND a.answer_code IS NOT NULL
            GROUP BY r.round_code, r.unit_code, a.question_code, a.answer_code;

            -- A response is submitted: its coded answers count.
            CREATE TRIGGER tr_score_tally_submit AFTER UPDATE OF status ON response
            WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted'
            BEGIN
                INSERT INTO score_tally (round_code, unit_code, question_code, answer_code, count)
                SELECT NEW.round_code, NEW.unit_code, question_code, answer_code, 1
                FROM answer WHERE response_id = NEW.id AND answer_code IS NOT NULL
                ON CONFLICT (round_code, unit_code, question_code, answer_code) DO UPDATE SET count = count + 1;
            END;

            -- An answer added to, changed in or removed from an already submitted response (bulk loads, repairs).
            CREATE TRIGGER tr_score_tally_insert AFTER INSERT ON answer
            WHEN NEW.answer_code IS NOT NULL AND (SELECT status FROM response WHERE id = NEW.response_id) = 'submitted'
            BEGIN
                INSERT INTO score_tally (round_code, unit_code, question_code, answer_code, count)
                SELECT round_code, unit_code, NEW.question_code, NEW.answer_code, 1 FROM response WHERE id = NEW.response_id
                ON CONFLICT (round_code, unit_code, question_code, answer_code) DO UPDATE SET count = count + 1;
            END;

            CREATE TRIGGER tr_score_tally_delete AFTER DELETE ON answer
            WHEN OLD.answer_code IS NOT NULL AND (SELECT status FROM response WHERE id = OLD.response_id) = 'submitted'
            BEGIN
                UPDATE score_tally SET count = count - 1
                WHERE question_code = OLD.question_code AND answer_code = OLD.answer_code
                  AND (round_code, unit_code) = (SELECT round_code, unit_code FROM response WHERE id = OLD.response_id);
            END;

            CREATE TRIGGER tr_score_tally_update AFTER UPDATE OF answer_code ON answer
            WHEN (SELECT status FROM response WHERE id = NEW.response_id) = 'submitted'
            BEGIN
                UPDATE score_tally SET count = count - 1
                WHERE OLD.answer_code IS NOT NULL AND question_code = OLD.question_code AND answer_code = OLD.answer_code
                  AND (round_code, unit_code) = (SELECT round_code, unit_code FROM response WHERE id = OLD.response_id);
                INSERT INTO score_tally (round_code, unit_code, question_code, answer_code, count)
                SELECT round_code, unit_code, NEW.question_code, NEW.answer_code, 1 FROM response
                WHERE id = NEW.response_id AND NEW.answer_code IS NOT NULL
                ON CONFLICT (round_code, unit_code, question_code, answer_code) DO UPDATE SET count = count + 1;
            END;
            """,
            """
            -- The tallies as in SQLite, kept by plpgsql triggers. Every change is one atomic statement on the tally row
            -- (INSERT … ON CONFLICT DO UPDATE SET count = count + 1, UPDATE … SET count = count - 1), so concurrent
            -- writers under READ COMMITTED never lose a count.
            CREATE TABLE score_tally (
                round_code TEXT COLLATE "C" NOT NULL,
                unit_code TEXT COLLATE "C" NOT NULL,
                question_code TEXT COLLATE "C" NOT NULL,
                answer_code TEXT COLLATE "C" NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (round_code, unit_code, question_code, answer_code)
            );

            INSERT INTO score_tally (round_code, unit_code, question_code, answer_code, count)
            SELECT r.round_code, r.unit_code, a.question_code, a.answer_code, COUNT(*)
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.status = 'submitted' AND a.answer_code IS NOT NULL
            GROUP BY r.round_code, r.unit_code, a.question_code, a.answer_code;

            -- One answer of a submitted response counts once more (delta 1) or once less (delta -1).
            CREATE FUNCTION score_tally_count(target BIGINT, question TEXT, code TEXT, delta BIGINT) RETURNS void LANGUAGE sql AS $$
                INSERT INTO score_tally AS t (round_code, unit_code, question_code, answer_code, count)
                SELECT round_code, unit_code, question, code, delta FROM response WHERE id = target AND status = 'submitted'
                ON CONFLICT (round_code, unit_code, question_code, answer_code) DO UPDATE SET count = t.count + delta;
            $$;

            CREATE FUNCTION tr_score_tally_submit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO score_tally AS t (round_code, unit_code, question_code, answer_code, count)
                SELECT NEW.round_code, NEW.unit_code, question_code, answer_code, 1
                FROM answer WHERE response_id = NEW.id AND answer_code IS NOT NULL
                ORDER BY question_code -- every writer locks the tally rows in the same order: two submissions never deadlock
                ON CONFLICT (round_code, unit_code, question_code, answer_code) DO UPDATE SET count = t.count + 1;
                RETURN NULL;
            END $$;
            CREATE TRIGGER tr_score_tally_submit AFTER UPDATE OF status ON response
                FOR EACH ROW WHEN (NEW.status = 'submitted' AND OLD.status <> 'submitted') EXECUTE FUNCTION tr_score_tally_submit();

            -- An answer added to, changed in or removed from an already submitted response (bulk loads, repairs).
            CREATE FUNCTION tr_score_tally_answer() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.answer_code IS NOT NULL THEN
                    PERFORM score_tally_count(OLD.response_id, OLD.question_code, OLD.answer_code, -1);
                END IF;
                IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.answer_code IS NOT NULL THEN
                    PERFORM score_tally_count(NEW.response_id, NEW.question_code, NEW.answer_code, 1);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER tr_score_tally_insert AFTER INSERT ON answer FOR EACH ROW EXECUTE FUNCTION tr_score_tally_answer();
            CREATE TRIGGER tr_score_tally_update AFTER UPDATE OF answer_code ON answer FOR EACH ROW EXECUTE FUNCTION tr_score_tally_answer();
            CREATE TRIGGER tr_score_tally_delete AFTER DELETE ON answer FOR EACH ROW EXECUTE FUNCTION tr_score_tally_answer();
            """),
        new(
            """
            -- Survey rounds: a response belongs to the round open for its unit when the resident started.
            CREATE TABLE survey_round (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                survey_id TEXT NOT NULL,
                opens_at TEXT NOT NULL,
                closes_at TEXT NOT NULL,
                created_at TEXT NOT NULL,
                CHECK (closes_at > opens_at)
            );

            CREATE TABLE survey_round_unit (
                round_code TEXT NOT NULL REFERENCES survey_round (code) ON DELETE CASCADE,
                unit_code TEXT NOT NULL,
                PRIMARY KEY (round_code, unit_code)
            );

            -- Invitations and reminders. Each recipient's delivery state is kept here, so a restart resumes
            -- where the broadcast stopped; the outbox holds only the next few hundred messages of it.
            CREATE TABLE broadcast (
                id INTEGER PRIMARY KEY,
                round_code TEXT NOT NULL REFERENCES survey_round (code),
                kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
                invitation_id INTEGER NULL REFERENCES broadcast (id),
                unit_code TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'cancelled', 'done')),
                admin_chat_id INTEGER NOT NULL,
                total INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                finished_at TEXT NULL,
                progress_text TEXT NULL,
                progress_at TEXT NULL
            );
            CREATE INDEX ix_broadcast_status ON broadcast (status, id);
            CREATE INDEX ix_broadcast_invitation ON broadcast (invitation_id);

            CREATE TABLE broadcast_recipient (
                broadcast_id INTEGER NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES resident (user_id) ON DELETE CASCADE,
                chat_id INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'blocked', 'skipped')),
                updated_at TEXT NOT NULL,
                PRIMARY KEY (broadcast_id, user_id)
            );
            CREATE INDEX ix_broadcast_recipient_state ON broadcast_recipient (broadcast_id, state, user_id);
            CREATE INDEX ix_broadcast_recipient_user ON broadcast_recipient (user_id, state);

            -- An admin's guided conversation (creating a round) in one chat.
            CREATE TABLE admin_session (
                chat_id INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                state TEXT NOT NULL,
                step INTEGER NOT NULL,
                draft TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (chat_id, user_id)
            );

            ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER NULL;
            CREATE INDEX ix_outbox_broadcast ON outbox (broadcast_id, chat_id) WHERE broadcast_id IS NOT NULL;
            """,
            """
            -- Survey rounds: a response belongs to the round open for its unit when the resident started.
            CREATE TABLE survey_round (
                code TEXT COLLATE "C" PRIMARY KEY,
                name TEXT COLLATE "C" NOT NULL,
                survey_id TEXT COLLATE "C" NOT NULL,
                opens_at TEXT COLLATE "C" NOT NULL,
                closes_at TEXT COLLATE "C" NOT NULL,
                created_at TEXT COLLATE "C" NOT NULL,
                CHECK (closes_at > opens_at)
            );

            CREATE TABLE survey_round_unit (
                round_code TEXT COLLATE "C" NOT NULL REFERENCES survey_round (code) ON DELETE CASCADE,
                unit_code TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (round_code, unit_code)
            );

            CREATE TABLE broadcast (
                id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                round_code TEXT COLLATE "C" NOT NULL REFERENCES survey_round (code),
                kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('invitation', 'reminder')),
                invitation_id BIGINT NULL REFERENCES broadcast (id),
                unit_code TEXT COLLATE "C" NULL,
                status TEXT COLLATE "C" NOT NULL CHECK (status IN ('running', 'paused', 'cancelled', 'done')),
                admin_chat_id BIGINT NOT NULL,
                total BIGINT NOT NULL,
                created_at TEXT COLLATE "C" NOT NULL,
                finished_at TEXT COLLATE "C" NULL,
                progress_text TEXT COLLATE "C" NULL,
                progress_at TEXT COLLATE "C" NULL
            );
            CREATE INDEX ix_broadcast_status ON broadcast (status, id);
            CREATE INDEX ix_broadcast_invitation ON broadcast (invitation_id);

            CREATE TABLE broadcast_recipient (
                broadcast_id BIGINT NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES resident (user_id) ON DELETE CASCADE,
                chat_id BIGINT NOT NULL,
                state TEXT COLLATE "C" NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'blocked', 'skipped')),
                updated_at TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (broadcast_id, user_id)
            );
            CREATE INDEX ix_broadcast_recipient_state ON broadcast_recipient (broadcast_id, state, user_id);
            CREATE INDEX ix_broadcast_recipient_user ON broadcast_recipient (user_id, state);

            CREATE TABLE admin_session (
                chat_id BIGINT NOT NULL,
                user_id BIGINT NOT NULL,
                state TEXT COLLATE "C" NOT NULL,
                step BIGINT NOT NULL,
                draft TEXT COLLATE "C" NOT NULL,
                updated_at TEXT COLLATE "C" NOT NULL,
                PRIMARY KEY (chat_id, user_id)
            );

            ALTER TABLE outbox ADD COLUMN broadcast_id BIGINT NULL;
            CREATE INDEX ix_outbox_broadcast ON outbox (broadcast_id, chat_id) WHERE broadcast_id IS NOT NULL;
            """),
        Step.SqliteOnly(
            """
            -- Outbox ids are never used twice. Without AUTOINCREMENT SQLite gives a deleted row's id to the next row
            -- when it was the highest, and the outbox is empty most of the time: a delivery recorded late, or a row
            -- the sender read earlier, would then name another chat's message (deleting it unsent, or sending it twice).
            CREATE TABLE outbox_v7 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                chat_id INTEGER NOT NULL,
                priority INTEGER NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                not_before TEXT NULL,
                created_at TEXT NOT NULL,
                broadcast_id INTEGER NULL
            );
            INSERT INTO outbox_v7 (id, chat_id, priority, kind, payload, attempts, not_before, created_at, broadcast_id)
                SELECT id, chat_id, priority, kind, payload, attempts, not_before, created_at, broadcast_id FROM outbox;
            DROP TABLE outbox;
            ALTER TABLE outbox_v7 RENAME TO outbox;
            CREATE INDEX ix_outbox_order ON outbox (priority, id);
            CREATE INDEX ix_outbox_chat ON outbox (chat_id, id);
            CREATE INDEX ix_outbox_not_before ON outbox (not_before) WHERE not_before IS NOT NULL;
            CREATE INDEX ix_outbox_broadcast ON outbox (broadcast_id, chat_id) WHERE broadcast_id IS NOT NULL;
            """),
        new(
            """
            -- The complaints-a-day limit counts by a keyed hash of the Telegram id (HMAC-SHA256 with a random key made
            -- here), not by resident_id: /hapus then consenting again must not reset it, and a row that names nobody
            -- without the key need not be erased. Rows older than 24 h are deleted as new ones are added.
            CREATE TABLE quota_key (key BLOB NOT NULL);
            INSERT INTO quota_key (key) VALUES (randomblob(32));
            CREATE TABLE complaint_quota (
                holder TEXT NOT NULL,
                filed_at TEXT NOT NULL
            );
            CREATE INDEX ix_complaint_quota_holder ON complaint_quota (holder, filed_at);
            CREATE INDEX ix_complaint_quota_filed ON complaint_quota (filed_at);
            """,
            """
            -- 32 random bytes: SHA-256 over two gen_random_uuid() (PostgreSQL's strong random source, no extension needed).
            CREATE TABLE quota_key (key BYTEA NOT NULL);
            INSERT INTO quota_key (key) VALUES (sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')));
            CREATE TABLE complaint_quota (
                holder TEXT COLLATE "C" NOT NULL,
                filed_at TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX ix_complaint_quota_holder ON complaint_quota (holder, filed_at);
            CREATE INDEX ix_complaint_quota_filed ON complaint_quota (filed_at);
            """),
        new(
            """
            ALTER TABLE complaint ADD COLUMN unit_name TEXT NULL;
            """,
            """
            ALTER TABLE complaint ADD COLUMN unit_name TEXT COLLATE "C" NULL;
            """),
        new(
            """
            -- The last screen with buttons shown to a resident, so typed answers can be matched to its buttons.
            ALTER TABLE session ADD COLUMN screen TEXT NULL;
            """,
            """
            ALTER TABLE session ADD COLUMN screen TEXT COLLATE "C" NULL;
            """),
        new(
            """
            -- A chat's next message is found by (chat_id, priority, id): without this index the sender's read ran a scan
            -- per queued row, and one chat's backlog of thousands made every read take seconds. edit_of names the
            -- message an edit changes, so a newer edit of it supersedes an older one still queued.
            DROP INDEX ix_outbox_chat;
            CREATE INDEX ix_outbox_chat ON outbox (chat_id, priority, id);
            ALTER TABLE outbox ADD COLUMN edit_of INTEGER NULL;
            CREATE INDEX ix_outbox_edit ON outbox (chat_id, edit_of) WHERE edit_of IS NOT NULL;
            """,
            """
            DROP INDEX ix_outbox_chat;
            CREATE INDEX ix_outbox_chat ON outbox (chat_id, priority, id);
            ALTER TABLE outbox ADD COLUMN edit_of BIGINT NULL;
            CREATE INDEX ix_outbox_edit ON outbox (chat_id, edit_of) WHERE edit_of IS NOT NULL;
            """),
        // The question a resident is at was saved as its position in the survey; it is saved as the question's code now,
        // so a reordered or extended survey keeps every conversation in progress on its question.
        new($"""
        ALTER TABLE session ADD COLUMN question_code TEXT NULL;
        {QuestionCodes}
        """, $"""
        ALTER TABLE session ADD COLUMN question_code TEXT COLLATE "C" NULL;
        {QuestionCodes}
        """),
        new(
            """
            -- Dasbor (issue 17): one-time login links sent by the bot. Only the SHA-256 of a token is kept, so the
            -- database file does not hold a usable link; used_at makes a link good for one login.
            CREATE TABLE dashboard_login (
                token_hash TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT NULL
            );
            CREATE INDEX ix_dashboard_login_expires ON dashboard_login (expires_at);
            """,
            """
            CREATE TABLE dashboard_login (
                token_hash TEXT COLLATE "C" PRIMARY KEY,
                user_id BIGINT NOT NULL,
                created_at TEXT COLLATE "C" NOT NULL,
                expires_at TEXT COLLATE "C" NOT NULL,
                used_at TEXT COLLATE "C" NULL
            );
            CREATE INDEX ix_dashboard_login_expires ON dashboard_login (expires_at);
            """),
        new(
            $$"""
            -- Dasbor (issue 17): each submitted response's own score (its answers on the 1-4 scale: how many, their sum),
            -- kept by the database as answers arrive, so the change between rounds and its interval read one row per
            -- respondent instead of nine answers. Only SKM element answers carry the codes 1-4 (profile codes are words).
            CREATE TABLE response_score (
                response_id INTEGER PRIMARY KEY REFERENCES response (id) ON DELETE CASCADE,
                round_code TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                answered INTEGER NOT NULL,
                total INTEGER NOT NULL
            );
            CREATE INDEX ix_response_score_round ON response_score (round_code, unit_code, answered, total);

            INSERT INTO response_score (response_id, round_code, unit_code, answered, total)
            SELECT r.id, r.round_code, r.unit_code, COUNT(*), SUM(CAST(a.answer_code AS INTEGER))
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.status = 'submitted' AND a.answer_code IN ('1', '2', '3', '4')
            GROUP BY r.id;

            CREATE TRIGGER tr_response_score_submit AFTER UPDATE OF status ON response
            WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted'
            BEGIN
                {{ScoreOf("NEW.id")}}
            END;

            CREATE TRIGGER tr_response_score_insert AFTER INSERT ON answer
            WHEN NEW.answer_code IN ('1', '2', '3', '4') AND (SELECT status FROM response WHERE id = NEW.response_id) = 'submitted'
            BEGIN
                {{ScoreOf("NEW.response_id")}}
            END;

            CREATE TRIGGER tr_response_score_update AFTER UPDATE OF answer_code ON answer
            WHEN (SELECT status FROM response WHERE id = NEW.response_id) = 'submitted'
            BEGIN
                {{ScoreOf("NEW.response_id")}}
            END;

            CREATE TRIGGER tr_response_score_delete AFTER DELETE ON answer
            WHEN OLD.answer_code IN ('1', '2', '3', '4') AND (SELECT status FROM response WHERE id = OLD.response_id) = 'submitted'
            BEGIN
                {{ScoreOf("OLD.response_id")}}
            END;
            """,
            """
            CREATE TABLE response_score (
                response_id BIGINT PRIMARY KEY REFERENCES response (id) ON DELETE CASCADE,
                round_code TEXT COLLATE "C" NOT NULL,
                unit_code TEXT COLLATE "C" NOT NULL,
                answered BIGINT NOT NULL,
                total BIGINT NOT NULL
            );
            CREATE INDEX ix_response_score_round ON response_score (round_code, unit_code, answered, total);

            INSERT INTO response_score (response_id, round_code, unit_code, answered, total)
            SELECT r.id, r.round_code, r.unit_code, COUNT(*), SUM(CAST(a.answer_code AS BIGINT))
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.status = 'submitted' AND a.answer_code IN ('1', '2', '3', '4')
            GROUP BY r.id;

            -- One submitted response's row worked out again from its answers (none left: no row).
            CREATE FUNCTION tr_response_score() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                target BIGINT;
            BEGIN
                -- Separate statements: PL/pgSQL reads every field an expression names, and an answer row has no id.
                IF TG_TABLE_NAME = 'response' THEN
                    target := NEW.id;
                ELSIF TG_OP = 'DELETE' THEN
                    target := OLD.response_id;
                ELSE
                    target := NEW.response_id;
                END IF;
                IF EXISTS (SELECT 1 FROM response WHERE id = target AND status = 'submitted') THEN
                    DELETE FROM response_score WHERE response_id = target;
                    INSERT INTO response_score (response_id, round_code, unit_code, answered, total)
                    SELECT r.id, r.round_code, r.unit_code, COUNT(*), SUM(CAST(a.answer_code AS BIGINT))
                    FROM response r JOIN answer a ON a.response_id = r.id
                    WHERE r.id = target AND a.answer_code IN ('1', '2', '3', '4')
                    GROUP BY r.id
                    ON CONFLICT (response_id) DO UPDATE SET answered = EXCLUDED.answered, total = EXCLUDED.total;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER tr_response_score_submit AFTER UPDATE OF status ON response
                FOR EACH ROW WHEN (NEW.status = 'submitted' AND OLD.status <> 'submitted') EXECUTE FUNCTION tr_response_score();
            CREATE TRIGGER tr_response_score_insert AFTER INSERT ON answer
                FOR EACH ROW WHEN (NEW.answer_code IN ('1', '2', '3', '4')) EXECUTE FUNCTION tr_response_score();
            CREATE TRIGGER tr_response_score_update AFTER UPDATE OF answer_code ON answer FOR EACH ROW EXECUTE FUNCTION tr_response_score();
            CREATE TRIGGER tr_response_score_delete AFTER DELETE ON answer
                FOR EACH ROW WHEN (OLD.answer_code IN ('1', '2', '3', '4')) EXECUTE FUNCTION tr_response_score();
            """),
        """
        -- Dasbor (issue 17): the complaint figures of a period (the Pengaduan page's six months, the IKM report's round)
        -- read a range of this index and nothing else: every column they count is in it.
        CREATE INDEX ix_complaint_submitted ON complaint (submitted_at, status, tracking_no, unit_code, category_code, first_response_at, resolved_at);
        """,
        new(
            """
            -- Webhook mode (issue 16): the ids of the updates applied, written in each update's own transaction, so an update
            -- delivered twice (a retry, two instances) is applied once. Ids older than Telegram redelivers are pruned.
            CREATE TABLE handled_update (
                update_id INTEGER PRIMARY KEY,
                handled_at TEXT NOT NULL
            );
            CREATE INDEX ix_handled_update_at ON handled_update (handled_at);
            """,
            """
            CREATE TABLE handled_update (
                update_id BIGINT PRIMARY KEY,
                handled_at TEXT COLLATE "C" NOT NULL
            );
            CREATE INDEX ix_handled_update_at ON handled_update (handled_at);
            """),
        new(
            """
            -- Dasbor (issue 17): each filed complaint's working-day figures and next deadline, worked out by the bot (the same
            -- code as the report and /aduan) and stored beside it, so the Pengaduan page counts them with GROUP BY instead of
            -- reading every complaint. timed = 1 while they are current; any change of the times or the status they come from
            -- sets it back to 0 (the trigger), as does a change of the settings they were worked out with (the basis: working
            -- days per step and holidays, kept in complaint_timing_basis). Rows with timed = 0 are read one by one.
            ALTER TABLE complaint ADD COLUMN timed INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE complaint ADD COLUMN submitted_month TEXT NULL;
            ALTER TABLE complaint ADD COLUMN deadline_on TEXT NULL;
            ALTER TABLE complaint ADD COLUMN first_response_due_on TEXT NULL;
            ALTER TABLE complaint ADD COLUMN first_response_in_time INTEGER NULL;
            ALTER TABLE complaint ADD COLUMN first_response_days INTEGER NULL;
            ALTER TABLE complaint ADD COLUMN resolution_days INTEGER NULL;
            CREATE TABLE complaint_timing_basis (basis TEXT NOT NULL);

            -- Each count reads one of these in the order it groups by, so the database adds up as it goes instead of sorting.
            CREATE INDEX ix_complaint_timed_open ON complaint (timed, status, unit_code, privacy, deadline_on);
            CREATE INDEX ix_complaint_timed_category ON complaint (timed, submitted_month, unit_code, category_code);
            CREATE INDEX ix_complaint_timed_first_response ON complaint (timed, submitted_month, unit_code,
                first_response_in_time, first_response_due_on, first_response_days);
            CREATE INDEX ix_complaint_timed_resolution ON complaint (timed, submitted_month, unit_code, resolution_days);

            CREATE TRIGGER tr_complaint_timing_stale AFTER UPDATE OF status, submitted_at, first_response_at, resolved_at, reopened_at ON complaint
            WHEN NEW.timed = 1
            BEGIN
                UPDATE complaint SET timed = 0 WHERE id = NEW.id;
            END;
            """,
            """
            ALTER TABLE complaint ADD COLUMN timed BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE complaint ADD COLUMN submitted_month DATE NULL;
            ALTER TABLE complaint ADD COLUMN deadline_on DATE NULL;
            ALTER TABLE complaint ADD COLUMN first_response_due_on DATE NULL;
            ALTER TABLE complaint ADD COLUMN first_response_in_time BOOLEAN NULL;
            ALTER TABLE complaint ADD COLUMN first_response_days BIGINT NULL;
            ALTER TABLE complaint ADD COLUMN resolution_days BIGINT NULL;
            CREATE TABLE complaint_timing_basis (basis TEXT COLLATE "C" NOT NULL);

            CREATE INDEX ix_complaint_timed_open ON complaint (timed, status, unit_code, privacy, deadline_on);
            CREATE INDEX ix_complaint_timed_category ON complaint (timed, submitted_month, unit_code, category_code);
            CREATE INDEX ix_complaint_timed_first_response ON complaint (timed, submitted_month, unit_code,
                first_response_in_time, first_response_due_on, first_response_days);
            CREATE INDEX ix_complaint_timed_resolution ON complaint (timed, submitted_month, unit_code, resolution_days);

            -- Days are DATE here (SQLite keeps them as yyyy-MM-dd text): Npgsql reads and writes them as DateOnly.
            -- The same rule as SQLite's trigger, before the row is written: a change of what the figures come from
            -- makes them stale, even in the statement that marks them current.
            CREATE FUNCTION tr_complaint_timing_stale() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.timed := 0;
                RETURN NEW;
            END $$;
            CREATE TRIGGER tr_complaint_timing_stale BEFORE UPDATE OF status, submitted_at, first_response_at, resolved_at, reopened_at
                ON complaint FOR EACH ROW WHEN (NEW.timed = 1) EXECUTE FUNCTION tr_complaint_timing_stale();
            """),
        new(
            """
            -- Several instances (issue 16): the sender that claimed an outbox row, and until when. A row whose lease ran
            -- out (its sender died) is claimed again by the next owner of sending.
            ALTER TABLE outbox ADD COLUMN claimed_by TEXT NULL;
            ALTER TABLE outbox ADD COLUMN lease_until TEXT NULL;
            """,
            """
            ALTER TABLE outbox ADD COLUMN claimed_by TEXT COLLATE "C" NULL;
            ALTER TABLE outbox ADD COLUMN lease_until TEXT COLLATE "C" NULL;
            """),
        """
        -- Several instances (issue 16): a duty's fencing epoch, raised by every instance that takes the duty. Work of a
        -- duty checks the epoch it took in the same transaction, so a holder that lost its lock without noticing yet
        -- cannot commit anything after another instance took over (and nobody has to wait for it to notice).
        CREATE TABLE duty_fence (
            duty INTEGER NOT NULL PRIMARY KEY,
            epoch BIGINT NOT NULL
        );
        """,
    ];

    /// <summary>A trigger's statements that work out one response's row of response_score again from its answers.</summary>
    private static string ScoreOf(string response) => $"""
        DELETE FROM response_score WHERE response_id = {response};
                    INSERT INTO response_score (response_id, round_code, unit_code, answered, total)
                    SELECT r.id, r.round_code, r.unit_code, COUNT(*), SUM(CAST(a.answer_code AS INTEGER))
                    FROM response r JOIN answer a ON a.response_id = r.id
                    WHERE r.id = {response} AND r.status = 'submitted' AND a.answer_code IN ('1', '2', '3', '4')
                    GROUP BY r.id;
        """;

    /// <summary>Number of the newest schema version.</summary>
    public static int Latest => Scripts.Length;

    /// <param name="database">The file to bring up to date.</param>
    /// <param name="upTo">Stop at this version (a test making a file as an older program left it); the newest by default.</param>
    public static int Apply(Database database, int? upTo = null)
    {
        using var connection = database.Open();
        connection.Execute("PRAGMA journal_mode=WAL");
        return Apply(
            connection,
            database.Location,
            upTo,
            step => step.Sqlite,
            transaction => connection.ExecuteScalar<int>("PRAGMA user_version", transaction: transaction),

            // PRAGMA takes no parameters; the number is ours, not input.
            (transaction, version) => connection.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"), transaction: transaction));
    }

    /// <param name="database">The PostgreSQL database to bring up to date.</param>
    /// <param name="upTo">Stop at this version (a test making a database as an older program left it); the newest by default.</param>
    public static int Apply(PostgresDatabase database, int? upTo = null)
    {
        using var connection = database.Open();
        return Apply(
            connection,
            database.Location,
            upTo,
            step => step.Postgres,
            transaction =>
            {
                connection.Execute(PostgresVersion, transaction: transaction);
                return connection.ExecuteScalar<int>("SELECT version FROM schema_version", transaction: transaction);
            },
            (transaction, version) => connection.Execute("UPDATE schema_version SET version = @version", new { version }, transaction));
    }

    /// <summary>Runs the scripts from the stored version on, each in its own write transaction with its version bump.</summary>
    private static int Apply(
        DbConnection connection, string location, int? upTo, Func<Step, string?> script, Func<DbTransaction, int> read, Action<DbTransaction, int> write)
    {
        var last = Math.Min(upTo ?? Scripts.Length, Scripts.Length);
        while (true)
        {
            using var transaction = connection.BeginTransaction();
            var version = read(transaction);
            if (version > Scripts.Length)
            {
                throw new InvalidOperationException(
                    $"The database '{location}' has schema version {version}, newer than this program knows ({Scripts.Length}).");
            }

            if (version >= last)
            {
                transaction.Commit();
                return version;
            }

            if (script(Scripts[version]) is { } sql)
            {
                connection.Execute(sql, transaction: transaction);
            }

            write(transaction, version + 1);
            transaction.Commit();
        }
    }

    /// <summary>One schema version: its SQLite script and its PostgreSQL script (the same text when portable; null when there is nothing to do).</summary>
    private sealed record Step(string Sqlite, string? Postgres)
    {
        public static implicit operator Step(string portable) => new(portable, portable);

        /// <summary>A change PostgreSQL's schema never needed (it was made right there from the start).</summary>
        public static Step SqliteOnly(string sqlite) => new(sqlite, null);
    }
}
