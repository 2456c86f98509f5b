export const USAGE = `driftback: keeps Git the source of truth for a Kubernetes cluster.

Usage:
  driftback scan --repo <git url or path> [--revision <ref>] [--path <dir>]...
                 [--kubeconfig <file>] [--context <name>] [--namespace <ns>]
                 [--policy <file|dir|builtin:hardening>]... [--output table|json|markdown|sarif]
                 [--fail-on drift|violating|never] [--explain]
                 [--trusted-manager <field manager>]... [--ignore <json pointer>]...
                 [--max-file-size <size, default 5Mi>] [--exclude <path glob>]...
                 [--exclude-kind <Kind|group/Kind>]... [--restart-as-drift]
                 [--open-prs [--github-token <t>] [--github-api-url <url>]
                             [--github-repository <owner/name>] [--base-branch <name>]
                             [--pr-per source|file|namespace|object] [--label <l>]... [--reviewer <u>]...
                             [--assignee <u>]... [--codify-deletions] [--git-author "Name <email>"]]
  driftback run    [--kubeconfig <file>] [--context <name>] [--metrics-port <n>] [--health-port <n>]
  driftback demo
  driftback policy validate <file|dir>...
  driftback policy test --policy <file|dir|builtin:name>... --live <file> --git <file> [--output table|json]

Exit codes of scan: 0 no drift counted by --fail-on, 1 drift counted, 2 the scan could not be done.
`;
