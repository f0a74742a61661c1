// Standalone benchmark of the daemon's SLA timer queue and wall-clock alarm.
// run.sh builds it with `swiftc -O` against the two source files, outside `swift test`.
import Dispatch
import Foundation

/// Returns the resident set size of this process in KiB, from VmRSS in /proc/self/status.
func residentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
        return 0
    }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let digits = line.filter(\.isNumber)
        return Int(digits) ?? 0
    }
    return 0
}

/// Returns seconds on the monotonic clock, for measuring durations.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// A seeded generator (SplitMix64), so that runs load the same timers.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Builds `count` timers due within the next 30 days and heapifies them.
/// The input array is freed on return, so later RSS readings show the queue alone.
func loadQueue(count: Int, generator: inout SeededGenerator) -> (DeadlineQueue, Double) {
    let start = Date()
    var timers: [PendingTimer] = []
    timers.reserveCapacity(count)
    for id in 1...count {
        let due = start.addingTimeInterval(
            60 + Double.random(in: 0..<(30 * 86_400), using: &generator))
        timers.append(PendingTimer(id: Int64(id), dueAt: due))
    }
    timers.shuffle(using: &generator)
    let began = monotonicSeconds()
    let queue = DeadlineQueue(timers)
    return (queue, monotonicSeconds() - began)
}

/// State shared between the main thread and the alarm's queue.
final class FiringState: @unchecked Sendable {
    // Touched only on `alarmQueue` until `done` is signalled.
    var queue: DeadlineQueue
    var latenessMilliseconds: [Double] = []
    var alarm: WallClockAlarm?
    let expected: Int
    let done = DispatchSemaphore(value: 0)

    init(queue: DeadlineQueue, expected: Int) {
        self.queue = queue
        self.expected = expected
    }

    /// Pops every due timer, records how late it ran, and re-arms for the next one.
    func fire() {
        let now = Date()
        for timer in queue.popDue(at: now) {
            latenessMilliseconds.append(now.timeIntervalSince(timer.dueAt) * 1000)
        }
        alarm?.arm(at: queue.next?.dueAt)
        if latenessMilliseconds.count == expected {
            done.signal()
        }
    }
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

func runBenchmark() {
    let arguments = CommandLine.arguments
    let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
    let fired = arguments.count > 2 ? Int(arguments[2]) ?? 5_000 : 5_000
    let spread = 3.0
    var generator = SeededGenerator(state: 2026)

    let baseline = residentKiB()
    var (queue, heapifySeconds) = loadQueue(count: count, generator: &generator)
    let loaded = residentKiB()
    let queueBytes = Double(loaded - baseline) * 1024
    let storageBytes =
        queue.heap.capacity * MemoryLayout<DeadlineQueue.Entry>.stride
        + queue.positions.capacity * (MemoryLayout<Int64>.stride + MemoryLayout<Int32>.stride)

    print("timers loaded:             \(count)")
    print(String(format: "heapify with id index:     %.1f ms", heapifySeconds * 1000))
    print(
        String(
            format: "RSS over empty baseline:   %.1f MiB (%.1f bytes per timer; "
                + "goal: under 100 MB for 1,000,000 timers)",
            queueBytes / 1_048_576, queueBytes / Double(count)))
    print(
        String(
            format: "array storage (estimate):  %.1f MiB (heap entries and dictionary slots)",
            Double(storageBytes) / 1_048_576))

    // Rescheduling cost on the loaded queue: move random ids to new due times.
    let reschedules = 100_000
    let rescheduleStart = monotonicSeconds()
    for _ in 0..<reschedules {
        let id = Int64.random(in: 1...Int64(count), using: &generator)
        let due = Date().addingTimeInterval(
            60 + Double.random(in: 0..<(30 * 86_400), using: &generator))
        queue.insert(PendingTimer(id: id, dueAt: due))
    }
    let rescheduleSeconds = monotonicSeconds() - rescheduleStart
    print(
        String(
            format: "reschedule:                %.2f µs per timer (%d timers)",
            rescheduleSeconds / Double(reschedules) * 1e6, reschedules))

    // Lateness: timers due over the next few seconds, fired through one alarm while the
    // million far-off timers stay in the queue.
    let firstDue = Date().addingTimeInterval(1)
    for index in 0..<fired {
        let due = firstDue.addingTimeInterval(spread * Double(index) / Double(fired))
        queue.insert(PendingTimer(id: Int64(count + 1 + index), dueAt: due))
    }
    let alarmQueue = DispatchQueue(label: "bench.alarm")
    let state = FiringState(queue: queue, expected: fired)
    let alarm = WallClockAlarm(queue: alarmQueue) { state.fire() }
    alarmQueue.sync {
        state.alarm = alarm
        alarm.arm(at: state.queue.next?.dueAt)
    }
    if state.done.wait(timeout: .now() + spread + 60) == .timedOut {
        print("lateness: timed out after \(state.latenessMilliseconds.count) of \(fired) timers")
        return
    }
    alarm.cancel()
    let sorted = alarmQueue.sync { state.latenessMilliseconds.sorted() }
    print(
        String(
            format: "lateness of %d timers over %.0f s: p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                + "(goal: under 1000 ms; alarm leeway 50 ms)",
            fired, spread, percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.last ?? 0))
}

runBenchmark()
