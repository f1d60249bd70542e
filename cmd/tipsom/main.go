// Command tipsom runs the tipsom information system and its maintenance tasks.
//
//	tipsom serve   --addr HOST:PORT --db URL [--demo]
//	tipsom migrate --db URL
//	tipsom user add --db URL --email E --name N --role R[,R…] [--country ISO3] [--org NAME] --password-stdin
//	tipsom token create --db URL --email E --name LABEL [--expires-in-days N] [--scope full|read] [--second-factor]
//	tipsom audit verify --db URL
//	tipsom import population --source S FILE.csv | grouping --name N [--edition E] FILE.csv | treaty --instrument ID FILE.csv
//	tipsom import glotip [--accept-findings] FILE.xlsx|FILE.csv
//	tipsom export glotip --format csv|xlsx|json FILE
//	tipsom import caselaw [--draft] FILE.jsonl | tipsom export caselaw FILE.jsonl
//	tipsom demo [--reset] [--db URL] load the demo accounts and content (--reset: empty the demo database first)
//	tipsom demo code EMAIL          print the current TOTP code of a demo account
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: tipsom COMMAND [flags]

commands:
  serve          serve the portal and API (--addr, --db, --demo, …)
  migrate        apply database migrations
  user add       create a user account
  token create   create an API token for a user; prints it as the last line
  audit verify   check the audit log's hash chain
  import         import data: population, grouping, treaty, glotip, caselaw (all or nothing; every bad line listed)
  export         glotip: the published statistics in dataUNODC's layout (csv, xlsx, json); caselaw: cases as JSON lines
  review draw    draw the reviewing States of a review cycle (prints JSON; --commit records it)
  demo           load the demo accounts and content; "demo code EMAIL" prints a demo TOTP code

Run "tipsom COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	var ex exitError
	switch {
	case err == nil:
	case errors.As(err, &ex):
		fmt.Fprintln(os.Stderr, "tipsom:", ex.err)
		os.Exit(ex.code)
	default:
		fmt.Fprintln(os.Stderr, "tipsom:", err)
		os.Exit(1)
	}
}

// exitError carries a specific exit status.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError{2, errors.New("no command given")}
	}
	cmd, rest := args[0], args[1:]
	sub := func() (string, []string) {
		if len(rest) == 0 {
			return "", nil
		}
		return rest[0], rest[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, rest, stdout)
	case "migrate":
		return migrate(ctx, rest, stdout)
	case "user":
		if s, r := sub(); s == "add" {
			return userAdd(ctx, r, stdin, stdout)
		}
		return exitError{2, errors.New(`usage: tipsom user add …`)}
	case "token":
		if s, r := sub(); s == "create" {
			return tokenCreate(ctx, r, stdout)
		}
		return exitError{2, errors.New(`usage: tipsom token create …`)}
	case "audit":
		if s, r := sub(); s == "verify" {
			return auditVerify(ctx, r, stdout)
		}
		return exitError{2, errors.New(`usage: tipsom audit verify --db URL`)}
	case "import":
		return importCmd(ctx, rest, stdout)
	case "export":
		if s, r := sub(); s == "glotip" {
			return exportGLOTIP(ctx, r, stdout)
		}
		if s, r := sub(); s == "caselaw" {
			return exportCaselaw(ctx, r, stdout)
		}
		return exitError{2, errors.New(`usage: tipsom export glotip --format csv|xlsx|json FILE, or tipsom export caselaw FILE.jsonl`)}
	case "report":
		return reportCmd(ctx, rest, stdout)
	case "review":
		return reviewCmd(ctx, rest, stdout)
	case "demo":
		if s, r := sub(); s == "code" {
			return demoCode(ctx, r, stdout)
		}
		return demo(ctx, rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return exitError{2, fmt.Errorf("unknown command %q", cmd)}
}
