-- A scripted history for the report tests. The window under test is November 2026 in
-- Europe/Berlin: --since 2026-11-01 --until 2026-12-01, which is 2026-10-31T23:00:00Z up to
-- (not including) 2026-11-30T23:00:00Z.
--
-- In the window: leads 1, 2, 3, 4, 5 and 8 (6 leads). Lead 6 is ingested before it, at 23:30
-- Berlin on 31 October. Lead 7 is ingested after it, at 00:30 Berlin on 1 December. Lead 8 is
-- ingested at 00:30 Berlin on 1 November, inside it.
--   mql 3 (leads 1, 2, 3), sql 2 (leads 1, 2), won 1 (lead 1), lost 1 (lead 2, which was sql first).
--   Lead 4 is disqualified and reached nothing.
-- SLA deadlines of those leads: met 3 (1, 3 and alice's on 5), breached 2 (2, and bob's on 5,
-- which escalation reassigned to alice); compliance 0.6. First touch 3600, 7200, 1800:
-- median 3600, 90th percentile 7200.
-- Open tasks past due: 2 (lead 1 and lead 5, both alice's).

INSERT INTO leads (id, identity, email, first_name, source, campaign, owner, stage, created_at, updated_at) VALUES
  (1, 'ann@example.com', 'ann@example.com', 'Ann', 'webinar', 'q4-webinar', 'alice', 'won', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
  (2, 'ben@example.com', 'ben@example.com', 'Ben', 'webinar', 'q4-webinar', 'bob', 'lost', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z'),
  (3, 'cat@example.com', 'cat@example.com', 'Cat', 'ads', '=cmd|'' /C calc''!A0', 'alice', 'mql', '2026-11-05T10:00:00Z', '2026-11-05T10:00:00Z'),
  (4, 'dan@example.com', 'dan@example.com', 'Dan', 'ads', '=cmd|'' /C calc''!A0', 'bob', 'disqualified', '2026-11-06T10:00:00Z', '2026-11-06T10:00:00Z'),
  (5, 'eve@example.com', 'eve@example.com', 'Eve', 'ads', NULL, 'alice', 'lead', '2026-11-10T10:00:00Z', '2026-11-10T10:00:00Z'),
  (6, 'fay@example.com', 'fay@example.com', 'Fay', 'webinar', 'q4-webinar', 'alice', 'sql', '2026-10-31T22:30:00Z', '2026-10-31T22:30:00Z'),
  (7, 'gus@example.com', 'gus@example.com', 'Gus', 'webinar', 'q4-webinar', 'alice', 'won', '2026-11-30T23:30:00Z', '2026-11-30T23:30:00Z'),
  (8, 'hal@example.com', 'hal@example.com', 'Hal', 'webinar', 'q4-webinar', 'alice', 'lead', '2026-10-31T23:30:00Z', '2026-10-31T23:30:00Z');

INSERT INTO lead_history (lead_id, at, kind, field, old_value, new_value) VALUES
  (1, '2026-11-02T12:00:00Z', 'stage', 'stage', 'lead', 'mql'),
  (1, '2026-11-04T12:00:00Z', 'stage', 'stage', 'mql', 'sql'),
  (1, '2026-11-09T12:00:00Z', 'stage', 'stage', 'sql', 'won'),
  (2, '2026-11-04T12:00:00Z', 'stage', 'stage', 'lead', 'mql'),
  (2, '2026-11-05T12:00:00Z', 'stage', 'stage', 'mql', 'sql'),
  (2, '2026-11-12T12:00:00Z', 'stage', 'stage', 'sql', 'lost'),
  (4, '2026-11-07T12:00:00Z', 'stage', 'stage', 'lead', 'disqualified');

INSERT INTO sla_deadlines (id, lead_id, owner, assigned_at, due_at, warn_at, state, breached_at, met_at, first_touch_seconds) VALUES
  (1, 1, 'alice', '2026-11-02T10:00:00Z', '2026-11-03T10:00:00Z', '2026-11-03T06:00:00Z', 'met', NULL, '2026-11-02T11:00:00Z', 3600),
  (2, 2, 'bob', '2026-11-03T10:00:00Z', '2026-11-04T10:00:00Z', '2026-11-04T06:00:00Z', 'breached', '2026-11-04T10:00:00Z', NULL, NULL),
  (3, 3, 'alice', '2026-11-05T10:00:00Z', '2026-11-06T10:00:00Z', '2026-11-06T06:00:00Z', 'met', NULL, '2026-11-05T12:00:00Z', 7200),
  (4, 5, 'bob', '2026-11-10T10:00:00Z', '2026-11-11T10:00:00Z', '2026-11-11T06:00:00Z', 'reassigned', '2026-11-11T10:00:00Z', NULL, NULL),
  (5, 5, 'alice', '2026-11-11T18:00:00Z', '2026-11-12T18:00:00Z', '2026-11-12T14:00:00Z', 'met', NULL, '2026-11-11T18:30:00Z', 1800),
  (6, 8, 'alice', '2026-10-31T23:30:00Z', '2099-01-01T00:00:00Z', '2098-12-31T20:00:00Z', 'open', NULL, NULL, NULL),
  (7, 6, 'alice', '2026-10-31T22:30:00Z', '2026-11-01T22:30:00Z', NULL, 'met', NULL, '2026-10-31T22:31:40Z', 100);

INSERT INTO sla_log (deadline_id, lead_id, at, kind, late, detail) VALUES
  (4, 5, '2026-11-11T06:00:00Z', 'warning', 0, NULL),
  (4, 5, '2026-11-11T10:00:00Z', 'breach', 0, NULL),
  (4, 5, '2026-11-11T18:00:00Z', 'escalation_reassign', 1, 'reassigned from bob to alice');

INSERT INTO tasks (lead_id, owner, title, type, due_at, state, created_at, closed_at) VALUES
  (1, 'alice', 'Call Ann', 'call', '2026-11-03T10:00:00Z', 'open', '2026-11-02T10:00:00Z', NULL),
  (5, 'alice', 'Call Eve', 'call', '2026-11-11T10:00:00Z', 'open', '2026-11-10T10:00:00Z', NULL),
  (8, 'alice', 'Call Hal', 'call', '2099-01-01T00:00:00Z', 'open', '2026-10-31T23:30:00Z', NULL),
  (2, 'bob', 'Call Ben', 'call', '2026-11-04T10:00:00Z', 'done', '2026-11-03T10:00:00Z', '2026-11-03T11:00:00Z'),
  (6, 'alice', 'Call Fay', 'call', '2026-11-01T10:00:00Z', 'open', '2026-10-31T22:30:00Z', NULL);

INSERT INTO events (lead_id, type, at, rep, recorded_at) VALUES
  (5, 'call', '2026-11-11T18:30:00Z', 'alice', '2026-11-11T18:31:00Z');
INSERT INTO score_changes (lead_id, at, rule, category, points, score_after) VALUES
  (5, '2026-11-10T10:00:00Z', 'job title is senior', 'fit', 20, 20);
INSERT INTO routing_decisions (lead_id, at, owner, team, rule, strategy, reason) VALUES
  (5, '2026-11-10T10:00:00Z', 'bob', 'dach', 'country in DACH', 'round_robin', 'first matching rule, next in rotation');
