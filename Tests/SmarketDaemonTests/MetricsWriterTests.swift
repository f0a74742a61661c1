import Foundation
import Glibc
import SmarketStore
import TestSupport
import Testing

@testable import SmarketDaemon

/// The Prometheus text file: its content and its atomic replacement.
@Suite struct MetricsWriterTests {
    let folder: String
    let database: Database
    let writer: MetricsWriter
    static let now = Date(timeIntervalSince1970: 1_794_787_200)

    init() throws {
        folder = ScratchFolder.make("smarketd-metrics")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        database = try Database(path: folder + "/smarketd.db")
        try database.prepareForWriting()
        try database.execute(
            """
            INSERT INTO leads (id, identity, stage, created_at, updated_at) VALUES
              (1, 'a@example.com', 'lead', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
              (2, 'b@example.com', 'mql', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
              (3, 'c@example.com', 'mql', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
              (4, 'd@example.com', 'won', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
            INSERT INTO sla_deadlines (lead_id, owner, assigned_at, due_at, warn_at, state, breached_at) VALUES
              (1, 'alice', '2026-11-15T00:00:00Z', '2026-11-16T12:00:00Z', '2026-11-16T08:00:00Z', 'open', NULL),
              (2, 'alice', '2026-11-15T00:00:00Z', '2026-11-16T02:00:00Z', '2026-11-15T22:00:00Z', 'open', NULL),
              (3, 'bob', '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', '2026-11-10T20:00:00Z', 'breached', '2026-11-11T00:00:00Z'),
              (4, 'bob', '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', NULL, 'met', NULL),
              (4, 'bob', '2026-11-10T00:00:00Z', '2026-11-11T00:00:00Z', NULL, 'met', '2026-11-11T00:00:00Z'),
              (2, 'bob', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', NULL, 'reassigned', '2026-11-02T00:00:00Z');
            INSERT INTO files (digest, inbox, name, size, state, started_at, finished_at) VALUES
              ('d1', 'web', 'a.csv', 1, 'done', '2026-11-15T10:00:00Z', '2026-11-15T10:00:01Z'),
              ('d2', 'web', 'b.csv', 1, 'done', '2026-11-15T11:00:00Z', '2026-11-15T11:00:05Z'),
              ('d3', 'web', 'c.csv', 1, 'failed', '2026-11-15T12:00:00Z', '2026-11-15T12:00:01Z');
            """)
        writer = MetricsWriter(path: folder + "/smarketd.prom")
    }

    @Test func contentHasEveryMetric() throws {
        try writer.write(from: database, now: Self.now)
        let text = try String(contentsOfFile: writer.path, encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map(String.init))
        // Two deadlines count as breached: the breached one and the one reassigned after its breach.
        // The withdrawn breach ended as met and does not count.
        for expected in [
            "smarketd_leads{stage=\"lead\"} 1", "smarketd_leads{stage=\"mql\"} 2",
            "smarketd_leads{stage=\"won\"} 1",
            "smarketd_leads{stage=\"lost\"} 0", "smarketd_sla_open 2", "smarketd_sla_at_risk 1",
            "smarketd_sla_breached 2",
            "smarketd_files_processed_total 2", "smarketd_files_failed_total 1",
            // 2026-11-15T11:00:05Z
            "smarketd_last_ingest_timestamp_seconds 1794740405",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
        for name in [
            "smarketd_leads", "smarketd_sla_open", "smarketd_sla_at_risk", "smarketd_sla_breached",
            "smarketd_files_processed_total", "smarketd_files_failed_total",
            "smarketd_last_ingest_timestamp_seconds",
        ] {
            #expect(lines.contains { $0.hasPrefix("# HELP \(name) ") }, "no HELP for \(name)")
            #expect(lines.contains { $0.hasPrefix("# TYPE \(name) ") }, "no TYPE for \(name)")
        }
        #expect(lines.contains("# TYPE smarketd_files_processed_total counter"))
        #expect(text.hasSuffix("\n"))
    }

    /// A failed file that succeeds when dropped again leaves the failure counted, as a counter must.
    @Test func failedCountNeverDrops() throws {
        try database.execute(
            """
            UPDATE files SET state = 'done' WHERE digest = 'd3';
            UPDATE files SET state = 'failed' WHERE digest = 'd1';
            """)
        try writer.write(from: database, now: Self.now)
        let lines = try String(contentsOfFile: writer.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains("smarketd_files_failed_total 2"))
    }

    @Test func writeReplacesByRename() throws {
        try writer.write(from: database, now: Self.now)
        // A reader that opened the old file keeps reading the old content: the file was replaced, not truncated.
        let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: writer.path))
        var before = stat()
        #expect(stat(writer.path, &before) == 0)
        try database.execute("UPDATE sla_deadlines SET state = 'met' WHERE state = 'open'")
        try writer.write(from: database, now: Self.now)
        var after = stat()
        #expect(stat(writer.path, &after) == 0)
        #expect(before.st_ino != after.st_ino)
        #expect(after.st_mode & 0o777 == 0o644)
        let old = String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
        #expect(old.contains("smarketd_sla_open 2"))
        #expect(
            try String(contentsOfFile: writer.path, encoding: .utf8).contains("smarketd_sla_open 0")
        )
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func writeIntoMissingFolderThrows() {
        let missing = MetricsWriter(path: folder + "/no/such/folder/smarketd.prom")
        #expect(throws: SystemError.self) { try missing.write(from: database, now: Self.now) }
    }
}
