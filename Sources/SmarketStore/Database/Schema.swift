/// The database schema, applied in order; `PRAGMA user_version` records how many steps ran.
enum Schema {
    static let migrations: [Migration] = [
        .script(
            """
            CREATE TABLE files (
                id INTEGER PRIMARY KEY,
                digest TEXT NOT NULL UNIQUE,
                inbox TEXT NOT NULL,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                format TEXT,
                records_done INTEGER NOT NULL DEFAULT 0,
                accepted INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                leads_created INTEGER NOT NULL DEFAULT 0,
                leads_merged INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL CHECK (state IN ('reading', 'done', 'failed')),
                error TEXT,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                archived_as TEXT
            );
            CREATE TABLE rejects (
                id INTEGER PRIMARY KEY,
                file_id INTEGER NOT NULL REFERENCES files(id),
                line INTEGER NOT NULL,
                reason TEXT NOT NULL,
                fields TEXT NOT NULL
            );
            CREATE INDEX rejects_by_file ON rejects(file_id, line);
            CREATE TABLE leads (
                id INTEGER PRIMARY KEY,
                identity TEXT NOT NULL UNIQUE,
                email TEXT,
                phone TEXT,
                first_name TEXT,
                last_name TEXT,
                full_name TEXT,
                company TEXT,
                job_title TEXT,
                website TEXT,
                country TEXT,
                region TEXT,
                city TEXT,
                employees TEXT,
                industry TEXT,
                source TEXT,
                campaign TEXT,
                medium TEXT,
                form TEXT,
                consent TEXT,
                stage TEXT NOT NULL DEFAULT 'lead',
                source_created_at TEXT,
                notes TEXT,
                custom TEXT NOT NULL DEFAULT '{}',
                invalid TEXT NOT NULL DEFAULT '{}',
                score REAL NOT NULL DEFAULT 0,
                owner TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                first_touch_at TEXT
            );
            CREATE INDEX leads_by_phone ON leads(phone);
            CREATE INDEX leads_by_owner ON leads(owner);
            CREATE INDEX leads_by_created ON leads(created_at);
            CREATE TABLE lead_history (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                field TEXT,
                old_value TEXT,
                new_value TEXT,
                file_id INTEGER REFERENCES files(id),
                line INTEGER,
                detail TEXT
            );
            CREATE INDEX lead_history_by_lead ON lead_history(lead_id, id);
            """),
        .script(
            """
            ALTER TABLE leads ADD COLUMN fit_score REAL NOT NULL DEFAULT 0;
            ALTER TABLE leads ADD COLUMN engagement_score REAL NOT NULL DEFAULT 0;
            ALTER TABLE leads ADD COLUMN intent_score REAL NOT NULL DEFAULT 0;
            ALTER TABLE leads ADD COLUMN assigned_at TEXT;
            ALTER TABLE leads ADD COLUMN team TEXT;
            ALTER TABLE leads ADD COLUMN unassigned_since TEXT;
            CREATE INDEX leads_unassigned ON leads(unassigned_since) WHERE unassigned_since IS NOT NULL;
            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                type TEXT NOT NULL,
                at TEXT NOT NULL,
                rep TEXT NOT NULL DEFAULT '',
                stage TEXT,
                value TEXT,
                campaign TEXT,
                file_id INTEGER REFERENCES files(id),
                line INTEGER,
                recorded_at TEXT NOT NULL,
                UNIQUE (lead_id, type, at, rep)
            );
            CREATE TABLE score_changes (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                at TEXT NOT NULL,
                rule TEXT NOT NULL,
                category TEXT NOT NULL,
                points REAL NOT NULL,
                event_id INTEGER REFERENCES events(id),
                event_at TEXT,
                score_after REAL NOT NULL
            );
            CREATE INDEX score_changes_by_lead ON score_changes(lead_id, id);
            CREATE TABLE routing_decisions (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                at TEXT NOT NULL,
                owner TEXT,
                team TEXT,
                rule TEXT,
                strategy TEXT,
                reason TEXT NOT NULL
            );
            CREATE INDEX routing_by_lead ON routing_decisions(lead_id, id);
            CREATE TABLE lead_rule_points (
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                rule TEXT NOT NULL,
                category TEXT NOT NULL,
                points REAL NOT NULL,
                PRIMARY KEY (lead_id, rule)
            );
            CREATE TABLE rep_rotation (
                rep TEXT PRIMARY KEY,
                last_sequence INTEGER NOT NULL DEFAULT 0,
                current_weight REAL NOT NULL DEFAULT 0
            );
            CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE account_owners (domain TEXT PRIMARY KEY, rep TEXT NOT NULL);
            CREATE TABLE tasks (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                owner TEXT,
                title TEXT NOT NULL,
                type TEXT NOT NULL,
                due_at TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
                created_at TEXT NOT NULL,
                closed_at TEXT,
                automation TEXT
            );
            CREATE INDEX tasks_by_lead ON tasks(lead_id, state);
            CREATE INDEX tasks_by_owner ON tasks(owner, state);
            CREATE TABLE outbox_records (
                id TEXT PRIMARY KEY,
                outbox TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                written_at TEXT
            );
            CREATE INDEX outbox_unwritten ON outbox_records(outbox) WHERE written_at IS NULL;
            CREATE TABLE sla_deadlines (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                owner TEXT NOT NULL,
                team TEXT,
                assigned_at TEXT NOT NULL,
                due_at TEXT NOT NULL,
                warn_at TEXT,
                state TEXT NOT NULL CHECK (state IN ('open', 'met', 'breached', 'reassigned')),
                warned_at TEXT,
                breached_at TEXT,
                met_at TEXT,
                first_touch_seconds REAL,
                next_step INTEGER NOT NULL DEFAULT 0,
                next_fire_at TEXT,
                revision INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX sla_by_revision ON sla_deadlines(revision);
            CREATE TABLE sla_log (
                id INTEGER PRIMARY KEY,
                deadline_id INTEGER NOT NULL REFERENCES sla_deadlines(id),
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                late INTEGER NOT NULL DEFAULT 0,
                detail TEXT
            );
            CREATE INDEX sla_log_by_lead ON sla_log(lead_id, id);
            CREATE TABLE erasures (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                person_hash TEXT NOT NULL,
                leads_erased INTEGER NOT NULL,
                files_rewritten INTEGER NOT NULL
            );
            CREATE INDEX erasures_by_hash ON erasures(person_hash);
            CREATE TABLE rep_load (
                rep TEXT PRIMARY KEY,
                open_leads INTEGER NOT NULL DEFAULT 0,
                untouched INTEGER NOT NULL DEFAULT 0
            );
            CREATE TRIGGER rep_load_lead_insert AFTER INSERT ON leads
            WHEN NEW.owner IS NOT NULL AND NEW.stage NOT IN ('won', 'lost', 'disqualified')
            BEGIN
                INSERT INTO rep_load (rep, open_leads) VALUES (NEW.owner, 1)
                ON CONFLICT (rep) DO UPDATE SET open_leads = open_leads + 1;
            END;
            CREATE TRIGGER rep_load_lead_update AFTER UPDATE OF owner, stage ON leads
            BEGIN
                UPDATE rep_load SET open_leads = open_leads - 1
                WHERE rep = OLD.owner AND OLD.stage NOT IN ('won', 'lost', 'disqualified');
                INSERT INTO rep_load (rep, open_leads)
                SELECT NEW.owner, 1 WHERE NEW.owner IS NOT NULL AND NEW.stage NOT IN ('won', 'lost', 'disqualified')
                ON CONFLICT (rep) DO UPDATE SET open_leads = open_leads + 1;
            END;
            CREATE TRIGGER rep_load_deadline_insert AFTER INSERT ON sla_deadlines WHEN NEW.state = 'open'
            BEGIN
                INSERT INTO rep_load (rep, untouched) VALUES (NEW.owner, 1)
                ON CONFLICT (rep) DO UPDATE SET untouched = untouched + 1;
            END;
            CREATE TRIGGER rep_load_deadline_update AFTER UPDATE OF state ON sla_deadlines
            WHEN OLD.state = 'open' AND NEW.state <> 'open'
            BEGIN
                UPDATE rep_load SET untouched = untouched - 1 WHERE rep = OLD.owner;
            END;
            CREATE INDEX sla_by_lead ON sla_deadlines(lead_id, id);
            CREATE INDEX sla_pending ON sla_deadlines(next_fire_at) WHERE next_fire_at IS NOT NULL;
            CREATE INDEX sla_by_owner ON sla_deadlines(owner, state);
            """),
        // SQLite builds a temporary b-tree for an IN list of more than two constants each time a trigger
        // runs, and every assignment paid for two. A closed stage is now three comparisons.
        .script(
            """
            DROP TRIGGER rep_load_lead_insert;
            DROP TRIGGER rep_load_lead_update;
            CREATE TRIGGER rep_load_lead_insert AFTER INSERT ON leads
            WHEN NEW.owner IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost' AND NEW.stage <> 'disqualified'
            BEGIN
                INSERT INTO rep_load (rep, open_leads) VALUES (NEW.owner, 1)
                ON CONFLICT (rep) DO UPDATE SET open_leads = open_leads + 1;
            END;
            CREATE TRIGGER rep_load_lead_update AFTER UPDATE OF owner, stage ON leads
            WHEN OLD.owner IS NOT NEW.owner OR OLD.stage IS NOT NEW.stage
            BEGIN
                UPDATE rep_load SET open_leads = open_leads - 1
                WHERE rep = OLD.owner AND OLD.stage <> 'won' AND OLD.stage <> 'lost' AND OLD.stage <> 'disqualified';
                INSERT INTO rep_load (rep, open_leads)
                SELECT NEW.owner, 1
                WHERE NEW.owner IS NOT NULL AND NEW.stage <> 'won' AND NEW.stage <> 'lost' AND NEW.stage <> 'disqualified'
                ON CONFLICT (rep) DO UPDATE SET open_leads = open_leads + 1;
            END;
            """),
        // The same temporary b-tree came with each insert into tasks and deadlines, for their CHECK
        // constraints, and more than doubled the cost of those inserts. The rows stay as they are.
        .rewriteDefinition(
            table: "tasks",
            old: "CHECK (state IN ('open', 'done', 'cancelled'))",
            new: "CHECK (state = 'open' OR state = 'done' OR state = 'cancelled')"
        ),
        .rewriteDefinition(
            table: "sla_deadlines",
            old: "CHECK (state IN ('open', 'met', 'breached', 'reassigned'))",
            new: "CHECK (state = 'open' OR state = 'met' OR state = 'breached' OR state = 'reassigned')"
        ),
        // A deadline ends as closed when its lead closes before the first touch. Widening the constraint
        // leaves every stored row valid.
        .rewriteDefinition(
            table: "sla_deadlines",
            old: "OR state = 'reassigned')",
            new: "OR state = 'reassigned' OR state = 'closed')"
        ),
        // Failed files, counted as they fail: a failed file dropped again later succeeds under the same
        // row, so counting the rows in state failed made the Prometheus counter go down.
        .script(
            """
            INSERT INTO counters (name, value) SELECT 'files_failed', COUNT(*) FROM files WHERE state = 'failed'
            ON CONFLICT (name) DO NOTHING;
            CREATE TRIGGER files_failed_insert AFTER INSERT ON files WHEN NEW.state = 'failed'
            BEGIN
                INSERT INTO counters (name, value) VALUES ('files_failed', 1)
                ON CONFLICT (name) DO UPDATE SET value = value + 1;
            END;
            CREATE TRIGGER files_failed_update AFTER UPDATE OF state ON files
            WHEN NEW.state = 'failed' AND OLD.state <> 'failed'
            BEGIN
                INSERT INTO counters (name, value) VALUES ('files_failed', 1)
                ON CONFLICT (name) DO UPDATE SET value = value + 1;
            END;
            """),
        // Two events are the same only when all their fields match. The old key (lead, type, time, rep)
        // dropped a second stage change sent in the same second with another stage. A UNIQUE constraint
        // cannot be changed in place, and it treats NULLs as distinct, so the table is copied once and the
        // key becomes an index that reads NULL as empty. The new definition repeats the first one without
        // its UNIQUE clause, because earlier steps stay as they ran. `prepareForWriting` runs this with
        // foreign keys off and checks them before the commit, because score changes refer to events.
        .script(
            """
            CREATE TABLE events_new (
                id INTEGER PRIMARY KEY,
                lead_id INTEGER NOT NULL REFERENCES leads(id),
                type TEXT NOT NULL,
                at TEXT NOT NULL,
                rep TEXT NOT NULL DEFAULT '',
                stage TEXT,
                value TEXT,
                campaign TEXT,
                file_id INTEGER REFERENCES files(id),
                line INTEGER,
                recorded_at TEXT NOT NULL
            );
            INSERT INTO events_new (id, lead_id, type, at, rep, stage, value, campaign, file_id, line, recorded_at)
            SELECT id, lead_id, type, at, rep, stage, value, campaign, file_id, line, recorded_at FROM events;
            DROP TABLE events;
            ALTER TABLE events_new RENAME TO events;
            CREATE UNIQUE INDEX events_once
            ON events(lead_id, type, at, rep, ifnull(stage, ''), ifnull(value, ''), ifnull(campaign, ''));
            """),
    ]
}
