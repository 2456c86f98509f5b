export const USAGE = `driftback: keeps Git the source of truth for a Kubernetes cluster.

Usage:
  driftback scan --repo <git url or path> [--revision <ref>] [--path <dir>]...
                 [--kubeconfig <file>] [--context <name>] [--namespace <ns>]
                 [--policy <file|dir|builtin:hardening>]... [--output table|json|markdown|sarif]
                 [--fail-on drift|violating|never] [--explain]
                 [--git-manager <field manager>]... [--trusted-manager <field manager>]...
                 [--controller-field <manager>:<Kind>[.<group>]:<json pointer>]...
                 [--ignore <json pointer>]... [--report-file <format>=<file>]...
                 [--kustomize <binary>] [--kustomize-timeout <seconds>] [--allow-remote-bases]
                 [--pushgateway <url> [--scan-name <name>]]
                 [--max-file-size <size, default 5Mi>] [--exclude <path glob>]...
                 [--exclude-kind <Kind|group/Kind>]... [--restart-as-drift]
                 [--open-prs [--github-token <t>] [--github-api-url <url>]
                             [--github-repository <owner/name>] [--base-branch <name>]
                             [--pr-per source|file|namespace|object] [--label <l>]... [--reviewer <u>]...
                             [--assignee <u>]... [--codify-deletions] [--git-author "Name <email>"]
                             [--github-app-id <id> --github-app-installation-id <id>
                              --github-app-private-key <file>]]
  driftback run    [--kubeconfig <file>] [--context <name>] [--metrics-port <n>] [--health-port <n>]
                 [--lease-namespace <ns>] [--lease-name <name>] [--log-level <level>]
                 [--allow-repo-protocols file,http] [--allowed-github-repository <owner/name>]...
                 [--git-timeout <duration>] [--trusted-manager <field manager>]...
  driftback demo
  driftback policy validate <file|dir>...
  driftback policy test --policy <file|dir|builtin:name>... --live <file> --git <file> [--output table|json]

Exit codes of scan: 0 no drift counted by --fail-on, 1 drift counted, 2 the scan could not be done.
`;
