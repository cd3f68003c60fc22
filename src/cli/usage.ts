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
  sso add --partnership <slug> --slug <slug> --name <name> --issuer <https url> --client-id <id>
      --client-secret <secret> --org <organisation> --domain <domain> [--domain ...] [--role viewer]
                                     Add an OpenID Connect sign-in (e.g. Microsoft Entra ID) for an organisation
  sso list [--json]                  List sign-in connections (no secrets)
  users reset-link --email <email>   Print a one-time password reset link (works once, for 1 hour)

Settings (environment): DATABASE_URL (PostgreSQL; otherwise the embedded database in DATA_DIR, default ./data),
PORT (default 3000), HOST (default localhost), LOAD_EXAMPLES (default true), LOG_LEVEL,
SESSION_SECRET (required with PostgreSQL in production), BASE_URL (for links the CLI prints).`;
