#!/usr/bin/env bash
# ctest driver: run_crosscheck.sh SBOMHUB COMPARE_SCRIPT FIXTURE_DIR EXPECTED_PURLS WORK_DIR
# Generates the fixture's SBOM twice with --reproducible (bytes must be identical), validates it,
# and compares its normalized purls (scripts/compare-sbom-purls --purls-only) with the reviewed
# expected list. No peer tool and no network are needed.
set -euo pipefail
sbomhub=$1 compare=$2 fixture=$3 expected=$4 work=$5
mkdir -p "$work"
name=$(basename "$fixture")
"$sbomhub" generate "$fixture" --reproducible -q -o "$work/$name.1.json"
"$sbomhub" generate "$fixture" --reproducible -q -o "$work/$name.2.json"
cmp "$work/$name.1.json" "$work/$name.2.json" || { echo "FAIL: --reproducible output differs between runs"; exit 1; }
"$sbomhub" validate "$work/$name.1.json" || { echo "FAIL: sbomhub validate rejected the generated SBOM"; exit 1; }
python3 "$compare" --purls-only "$work/$name.1.json" >"$work/$name.purls.txt"
diff -u "$expected" "$work/$name.purls.txt" || { echo "FAIL: purls differ from $expected"; exit 1; }
echo "OK: $name ($(wc -l <"$expected") purls)"
