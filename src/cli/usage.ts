export const USAGE = `Usage: send-outcomes <command>

Commands:
  serve                              Start the web server (PORT, default 3000)
  db migrate                         Create or update the database tables
  plans import <file> [options]      Import a plan file (.yaml, .yml, .json) or a labelled-text plan (.txt)
      --partnership <slug>           The partnership it belongs to (default: from the plan's area)
      --partnership-name <name>      Name for a new partnership
      --id <id> --title <title> --area <area>   For labelled-text plans, which carry no header
      --replace                      Replace a plan with the same id
      --json                         Print the import summary as JSON
  plans list [--json] [--partnership <slug>]
  plans export <id> --json [--partnership <slug>]   The plan as a JSON tree
  users create --email <email> --org <organisation> --role <role> [--name <name>] [--partnership <slug>]
      [--org-kind council|icb|nhs-provider|school-or-setting|parent-carer-forum|sendiass|other]  create the organisation if new
      [--partnership-name <name>]    create the partnership if new
      Prints a one-time link to set a password. Roles: partnership-admin, plan-editor, analyst,
      data-submitter, viewer, forum-member
  measures list [--json] [--partnership <slug>]     Every defined measure with its outcome
  measures evaluate <measure-id> --json [--partnership <slug>]
                                     Latest value with interval, change from baseline, England comparison,
                                     target, SPC (Making Data Count) and variation between areas
  returns schedules [--json] [--partnership <slug>]  The data-return schedules: who supplies what, how often
  returns template <schedule> --xlsx <file> | --csv <file> [--period <period>] [--partnership <slug>]
                                     Write the return's template (headings, a row per breakdown value)
  returns import <schedule> --period <period> --org <code> <file> [--submit] [--partnership <slug>]
                                     Check a CSV or XLSX return and save it as a new revision (a draft, or
                                     submitted with --submit); every problem by row and column on stderr,
                                     exit code 1 and nothing written if it fails. <code>: the organisation's
                                     code, as "returns schedules" shows it. Periods: 2025-04, 2025-Q2, 2025
  returns approve <schedule> --period <period> [--partnership <slug>]
                                     Approve a submitted return: its figures join the measure's series
  sso add --partnership <slug> --slug <slug> --name <name> --issuer <https url> --client-id <id>
      --client-secret <secret> --org <organisation> --domain <domain> [--domain ...] [--role viewer]
                                     Add an OpenID Connect sign-in (e.g. Microsoft Entra ID) for an organisation
  sso list [--json]                  List sign-in connections (no secrets)
  users reset-link --email <email>   Print a one-time password reset link (works once, for 1 hour)
  casework import <kind> <file> --partnership <slug> [--person-column <heading>] [--json]
                                     Import pseudonymised case records (CSV or XLSX; docs/casework-import.md). Kinds:
                                     ehc-requests, advice-requests, annual-reviews, phase-transfers, referrals,
                                     equipment-requests, dsr-entries, dsr-events. Nothing is written if a row is wrong.
  casework refresh [--partnership <slug>] [--months 2025-01,2025-02] [--json]
                                     Recompute the casework indicators and the measures computed from them

Settings (environment): DATABASE_URL (PostgreSQL; otherwise the embedded database in DATA_DIR, default ./data),
PORT (default 3000), HOST (default localhost), LOAD_EXAMPLES (default true), LOG_LEVEL,
SESSION_SECRET (required with PostgreSQL in production), BASE_URL (for links the CLI prints),
CASEWORK_PSEUDONYM_KEY (HMAC key for casework pseudonyms; required with PostgreSQL in production).`;
