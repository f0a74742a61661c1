import Testing

@testable import SmarketIngest

@Suite struct BoundedMemoTests {
    @Test func computesEachKeyOnce() {
        let memo = BoundedMemo<Int, Int?>(capacity: 10)
        var computed = 0
        for _ in 0..<3 {
            let value = memo.value(for: 1) { _ -> Int? in
                computed += 1
                return nil
            }
            #expect(value == nil)
        }

        // A nil value counts as known, so the key is computed once.
        #expect(computed == 1)
    }

    @Test func startsOverAtCapacity() {
        let memo = BoundedMemo<Int, Int>(capacity: 2)
        var computed: [Int] = []
        for key in [1, 2, 3, 1] {
            _ = memo.value(for: key) { key in
                computed.append(key)
                return key * 10
            }
        }

        // Key 3 found the memo full and emptied it, so key 1 is computed again.
        #expect(computed == [1, 2, 3, 1])
    }
}
