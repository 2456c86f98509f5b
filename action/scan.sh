#!/usr/bin/env bash
# The scan step of action.yml. One `driftback scan` writes the JSON report and, from the same
# pass, the SARIF and markdown ones; the markdown goes to the job summary, the rest to step
# outputs. It exits 0 whatever the scan found, so that the SARIF upload still runs: the action's
# last step exits with the scan's code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node="$root/node_modules/.bin/node"
cli="${DRIFTBACK_CLI:-$root/dist/cli.js}"
umask 077
out="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/driftback.XXXXXX")"

args=(scan --repo "$INPUT_REPO" --output json --fail-on "${INPUT_FAIL_ON:-drift}"
  --report-file "sarif=$out/driftback.sarif" --report-file "markdown=$out/driftback.md")

add_value() { # <flag> <value>: the flag, when the input is not empty
  if [ -n "$2" ]; then args+=("$1" "$2"); fi
}

add_lines() { # <flag> <multi-line input>: the flag once per non-blank line, trimmed
  local line
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    add_value "$1" "$line"
  done <<< "$2"
}

if [ -n "${INPUT_KUBECONFIG:-}" ]; then
  trap 'rm -f "$out/kubeconfig"' EXIT
  printf '%s\n' "$INPUT_KUBECONFIG" > "$out/kubeconfig"
  args+=(--kubeconfig "$out/kubeconfig")
fi
add_value --context "${INPUT_CONTEXT:-}"
add_value --revision "${INPUT_REVISION:-}"
add_lines --path "${INPUT_PATHS:-}"
add_lines --policy "${INPUT_POLICIES:-}"
add_value --namespace "${INPUT_NAMESPACE:-}"
add_lines --trusted-manager "${INPUT_TRUSTED_MANAGERS:-}"
add_lines --git-manager "${INPUT_GIT_MANAGERS:-}"
add_lines --ignore "${INPUT_IGNORE:-}"
add_value --github-api-url "${INPUT_GITHUB_API_URL:-}"
if [ "${INPUT_OPEN_PRS:-false}" = true ]; then
  args+=(--open-prs)
  add_value --github-repository "${INPUT_GITHUB_REPOSITORY:-}"
  add_value --base-branch "${INPUT_BASE_BRANCH:-}"
  add_value --pr-per "${INPUT_PR_PER:-}"
  add_lines --label "${INPUT_LABELS:-}"
fi

code=0
"$node" "$cli" "${args[@]}" > "$out/driftback.json" || code=$?

echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ -s "$out/driftback.json" ]; then
  echo "report=$out/driftback.json" >> "$GITHUB_OUTPUT"
  "$node" -e 'const { summary } = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    console.log(`drifted=${summary.drifted + summary.missing}`);
    console.log(`violating=${summary.violating}`);' "$out/driftback.json" >> "$GITHUB_OUTPUT"
fi
if [ -s "$out/driftback.sarif" ]; then echo "sarif=$out/driftback.sarif" >> "$GITHUB_OUTPUT"; fi
if [ -s "$out/driftback.md" ]; then
  cat "$out/driftback.md" >> "$GITHUB_STEP_SUMMARY"
else
  printf '### driftback\n\nThe scan could not be done (exit %s); the step log says why.\n' "$code" >> "$GITHUB_STEP_SUMMARY"
fi
