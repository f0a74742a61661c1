#!/bin/sh
# Builds the libFuzzer targets into Fuzz/.build: ./Fuzz/build.sh
#
# SmarketIngest is compiled as a static library with fuzzer coverage, then each entry
# file is linked against it. The expression target compiles
# Sources/SmarketRules/Expressions/*.swift into its own module, because those files
# need only NameSuggestion.swift, SmarketIngest (for LeadField) and Foundation.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Fuzz/.build"
mkdir -p "$out"
cd "$root"

# Runs a compiler command and hides ld.gold's "Cannot export local symbol" warnings
# about AddressSanitizer's helpers, which say nothing about our code.
quiet() {
    if ! "$@" 2>"$out/compile.log"; then
        grep -v "Cannot export local symbol" "$out/compile.log" >&2
        exit 1
    fi
    grep -v "Cannot export local symbol" "$out/compile.log" >&2 || true
}

flags="-O -g -swift-version 6 -sanitize=fuzzer,address -parse-as-library"
includes="-I Sources/CZlib -I Sources/CCrypto"

quiet swiftc $flags $includes -module-name SmarketIngest -emit-module \
    -emit-module-path "$out/SmarketIngest.swiftmodule" -emit-library -static \
    -o "$out/libSmarketIngest.a" $(find Sources/SmarketIngest -name '*.swift' | sort)

for target in CSVReaderFuzz JSONReaderFuzz; do
    quiet swiftc $flags $includes -I "$out" -module-name "$target" \
        Fuzz/$target.swift Fuzz/FeedReaderFuzzing.swift \
        -L "$out" -lSmarketIngest -lz -lcrypto -o "$out/$target"
done

quiet swiftc $flags $includes -I "$out" -module-name ExpressionFuzz \
    Sources/SmarketRules/Expressions/*.swift Sources/SmarketRules/Configuration/NameSuggestion.swift \
    Fuzz/ExpressionFuzz.swift \
    -L "$out" -lSmarketIngest -lz -lcrypto -o "$out/ExpressionFuzz"
echo "fuzz: built $out/CSVReaderFuzz, JSONReaderFuzz and ExpressionFuzz"
