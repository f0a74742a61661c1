import Foundation
import Testing

@testable import SmarketDaemon

/// A clock that moves only when a test moves it.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double = 1000

    func now() -> Double { lock.withLock { seconds } }

    func advance(by interval: Double) { lock.withLock { seconds += interval } }
}

@Suite struct JournalRepeatTests {
    let kind = MessageKind(id: "0123456789abcdef0123456789abcdef", name: "test")

    @Test func limiterPassesBurstThenSuppresses() {
        let clock = ManualClock()
        var limiter = RepeatLimiter<Int>(burst: 2, interval: 10, now: clock.now)
        var passed = 0
        for payload in 0..<5 {
            if case .pass = limiter.admit(key: "busy", payload: payload) {
                passed += 1
            }
        }
        #expect(passed == 2)
    }

    @Test func limiterSummarizesOnNextInterval() {
        let clock = ManualClock()
        var limiter = RepeatLimiter<Int>(burst: 1, interval: 10, now: clock.now)
        for payload in 0..<4 {
            _ = limiter.admit(key: "busy", payload: payload)
        }
        clock.advance(by: 10)
        guard case .pass(let summary) = limiter.admit(key: "busy", payload: 9) else {
            Issue.record("the first entry of a new interval was suppressed")
            return
        }
        #expect(summary?.suppressed == 3)
        #expect(summary?.last == 3)
    }

    @Test func limiterKeysAreIndependent() {
        let clock = ManualClock()
        var limiter = RepeatLimiter<Int>(burst: 1, interval: 10, now: clock.now)
        _ = limiter.admit(key: "web", payload: 0)
        guard case .pass = limiter.admit(key: "activity", payload: 1) else {
            Issue.record("a different key was suppressed")
            return
        }
        guard case .suppress = limiter.admit(key: "web", payload: 2) else {
            Issue.record("a repeat inside the interval passed")
            return
        }
    }

    @Test func limiterExpireReportsEndedIntervals() {
        let clock = ManualClock()
        var limiter = RepeatLimiter<Int>(burst: 1, interval: 10, now: clock.now)
        _ = limiter.admit(key: "a", payload: 0)
        _ = limiter.admit(key: "a", payload: 1)
        _ = limiter.admit(key: "b", payload: 2)
        #expect(limiter.expire().isEmpty)
        clock.advance(by: 11)
        let summaries = limiter.expire()
        #expect(summaries.map(\.key) == ["a"])
        #expect(summaries.first?.suppressed == 1)
        #expect(limiter.expire().isEmpty)
    }

    @Test func journalWritesSummaryBeforeNextEntry() throws {
        let capture = try JournalCapture()
        let clock = ManualClock()
        let journal = Journal(
            destination: .fileDescriptor(capture.descriptor), repeatBurst: 2, repeatInterval: 60,
            clock: { clock.now() })
        for attempt in 1...5 {
            journal.logRepeatable(
                key: "db-busy", kind, .error, "database busy", fields: ["ATTEMPT": "\(attempt)"])
        }
        #expect(try capture.lines().count == 2)
        clock.advance(by: 60)
        journal.logRepeatable(
            key: "db-busy", kind, .error, "database busy", fields: ["ATTEMPT": "6"])
        let lines = try capture.lines()
        #expect(lines.count == 4)
        #expect(
            lines.dropFirst(2).first
                == "<3>suppressed 3 repeats: database busy MESSAGE_ID=\(kind.id) ATTEMPT=5 "
                + "REPEATS_SUPPRESSED=3 REPEAT_KEY=db-busy")
        #expect(lines.last == "<3>database busy MESSAGE_ID=\(kind.id) ATTEMPT=6")
    }

    @Test func journalFlushWritesPendingSummary() throws {
        let capture = try JournalCapture()
        let clock = ManualClock()
        let journal = Journal(
            destination: .fileDescriptor(capture.descriptor), repeatBurst: 1, repeatInterval: 5,
            clock: { clock.now() })
        journal.logRepeatable(key: "k", kind, .warning, "slow disk")
        journal.logRepeatable(key: "k", kind, .warning, "slow disk")
        journal.flushRepeats()
        #expect(try capture.lines().count == 1)
        clock.advance(by: 5)
        journal.flushRepeats()
        let lines = try capture.lines()
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("<4>suppressed 1 repeat: slow disk") == true)
    }
}
