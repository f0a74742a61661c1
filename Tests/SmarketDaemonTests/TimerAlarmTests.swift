import Dispatch
import Foundation
import Testing

@testable import SmarketDaemon

/// Counts handler runs and signals a semaphore for each.
final class FireRecorder: @unchecked Sendable {
    // The lock guards `fired`. The semaphore is thread-safe on its own.
    private let lock = NSLock()
    private var fired = 0
    let semaphore = DispatchSemaphore(value: 0)

    var count: Int { lock.withLock { fired } }

    func record() {
        lock.withLock { fired += 1 }
        semaphore.signal()
    }
}

/// Alarm tests wait with generous timeouts: they check that the handler ran, never how fast.
@Suite(.serialized) struct TimerAlarmTests {
    let queue = DispatchQueue(label: "smarketd.tests.alarm")

    @Test func firesOnce() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        alarm.arm(at: Date().addingTimeInterval(0.1))
        #expect(recorder.semaphore.wait(timeout: .now() + 10) == .success)
        // A second run would signal again within this wait.
        #expect(recorder.semaphore.wait(timeout: .now() + 0.5) == .timedOut)
        #expect(recorder.count == 1)
        alarm.cancel()
    }

    @Test func pastDateFiresAtOnce() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        alarm.arm(at: Date().addingTimeInterval(-60))
        #expect(recorder.semaphore.wait(timeout: .now() + 10) == .success)
        alarm.cancel()
    }

    @Test func rearmEarlierReplacesLater() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        let armedAt = Date()
        alarm.arm(at: armedAt.addingTimeInterval(0.8))
        alarm.arm(at: armedAt.addingTimeInterval(0.1))
        #expect(recorder.semaphore.wait(timeout: .now() + 10) == .success)
        // Wait past the replaced time: it must not fire a second time.
        let waitEnd = armedAt.addingTimeInterval(1.5).timeIntervalSinceNow
        #expect(recorder.semaphore.wait(timeout: .now() + max(waitEnd, 0)) == .timedOut)
        #expect(recorder.count == 1)
        alarm.cancel()
    }

    @Test func disarmPreventsFiring() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        alarm.arm(at: Date().addingTimeInterval(0.2))
        alarm.arm(at: nil)
        #expect(recorder.semaphore.wait(timeout: .now() + 0.8) == .timedOut)
        #expect(recorder.count == 0)
        alarm.cancel()
    }

    @Test func cancelPreventsFiring() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        alarm.arm(at: Date().addingTimeInterval(0.2))
        alarm.cancel()
        #expect(recorder.semaphore.wait(timeout: .now() + 0.8) == .timedOut)
        #expect(recorder.count == 0)
    }

    @Test func rearmAfterFiring() {
        let recorder = FireRecorder()
        let alarm = WallClockAlarm(queue: queue) { recorder.record() }
        alarm.arm(at: Date().addingTimeInterval(0.05))
        #expect(recorder.semaphore.wait(timeout: .now() + 10) == .success)
        alarm.arm(at: Date().addingTimeInterval(0.05))
        #expect(recorder.semaphore.wait(timeout: .now() + 10) == .success)
        #expect(recorder.count == 2)
        alarm.cancel()
    }

    @Test func wallTimeOfHugeDate() {
        let time = WallClockAlarm.wallTime(for: Date(timeIntervalSince1970: 1e300))
        #expect(time == .distantFuture)
    }

    @Test func wallTimeSplitsFraction() {
        let time = WallClockAlarm.wallTime(for: Date(timeIntervalSince1970: 1_780_000_000.25))
        let expected = DispatchWallTime(
            timespec: timespec(tv_sec: 1_780_000_000, tv_nsec: 250_000_000))
        #expect(time == expected)
    }
}
