import Glibc

/// Readings of `CLOCK_MONOTONIC`, the clock that systemd uses for `MONOTONIC_USEC` and timeouts.
public enum MonotonicClock {
    /// Microseconds since an unspecified start (boot, on Linux), unaffected by changes of the wall clock.
    public static func microseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Seconds since the same start as ``microseconds()``.
    public static func seconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
    }
}
