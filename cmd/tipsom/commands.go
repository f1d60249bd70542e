package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return exitError{2, err}
	}
	if fs.NArg() > 0 {
		return exitError{2, fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// openApp builds the application for a maintenance command (quiet logs).
func openApp(ctx context.Context, dbURL string) (*app.App, error) {
	cfg := app.Defaults()
	cfg.DB = dbURL
	cfg.LogLevel = "warn"
	return app.New(ctx, cfg)
}

func serve(ctx context.Context, args []string, stdout io.Writer) error {
	cfg := app.Defaults()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	app.ServeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := app.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo {
		accounts, err := a.LoadDemo(ctx)
		if err != nil {
			return err
		}
		app.PrintDemoAccounts(stdout, accounts)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	if cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics-addr: %w", err)
		}
		fmt.Fprintf(stdout, "metrics on http://%s/metrics\n", mln.Addr())
		go func() {
			if err := a.ServeMetrics(ctx, mln); err != nil {
				a.Log.Error("metrics listener", "err", err)
			}
		}()
	}
	fmt.Fprintf(stdout, "tipsom serving on http://%s\n", ln.Addr())
	return a.Serve(ctx, ln)
}

func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := db.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Migrate(ctx); err != nil {
		return err
	}
	v, err := d.Version(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database at migration %d\n", v)
	return nil
}

func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	var dbURL, email, name, roles, country, org string
	var pwStdin bool
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&email, "email", "", "email address (required)")
	fs.StringVar(&name, "name", "", "display name (required)")
	fs.StringVar(&roles, "role", "", "role or comma-separated roles (required): "+roleList())
	fs.StringVar(&country, "country", "", "ISO3 country code (for focal_point)")
	fs.StringVar(&org, "org", "", "organisation short name; created when it does not exist (for ngo, case_worker)")
	fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	in := auth.UserInput{Email: email, Name: name, Country: country}
	for _, r := range strings.Split(roles, ",") {
		if r = strings.TrimSpace(r); r != "" {
			in.Roles = append(in.Roles, auth.Role(r))
		}
	}
	if pwStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		in.Password = strings.TrimRight(line, "\r\n")
		if in.Password == "" {
			return exitError{2, errors.New("--password-stdin: standard input held no password")}
		}
	} else {
		return exitError{2, errors.New("--password-stdin is required: pipe the password on standard input")}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	by := auth.System("cli")
	if org != "" {
		o, err := a.Auth.EnsureOrg(ctx, by, org)
		if err != nil {
			return describe(err)
		}
		in.OrgID = o.ID
	}
	u, err := a.Auth.CreateUser(ctx, by, in)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "created user %d <%s> with roles %s\n", u.ID, u.Email, roles)
	if u.NeedsSecondFactor() {
		fmt.Fprintln(stdout, "this account needs a second factor: it will be asked to set one up at first sign-in")
	}
	return nil
}

func roleList() string {
	s := make([]string, len(auth.AllRoles))
	for i, r := range auth.AllRoles {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

func tokenCreate(ctx context.Context, args []string, stdout io.Writer) error {
	var email string
	var in auth.TokenInput
	var scope string
	cfg := app.Defaults()
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	app.DBFlag(fs, &cfg.DB)
	app.TokenFlags(fs, &cfg)
	fs.StringVar(&email, "email", "", "the user the token acts as (required)")
	fs.StringVar(&in.Label, "name", "", "a label for the token, e.g. the script using it (required)")
	fs.IntVar(&in.ExpiresInDays, "expires-in-days", 0, "lifetime in days (default: --token-ttl; at most --token-max-ttl)")
	fs.StringVar(&scope, "scope", string(auth.ScopeFull), "full, or read (GET and HEAD requests only)")
	fs.BoolVar(&in.SecondFactor, "second-factor", false, "the token stands in for a second factor: you vouch that its holder has passed one")
	if err := parse(fs, args); err != nil {
		return err
	}
	in.Scope = auth.TokenScope(scope)
	cfg.LogLevel = "warn"
	a, err := app.New(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	raw, t, err := a.Auth.IssueToken(ctx, auth.System("cli"), email, in)
	if errs.Is(err, errs.KindNotFound) {
		return fmt.Errorf("no user with email %q", email)
	}
	if err != nil {
		return describe(err)
	}
	// What the token carries comes first: the token itself stays the last
	// line, for scripts that read it.
	days := int(t.ExpiresAt.Sub(t.CreatedAt).Round(time.Hour) / (24 * time.Hour))
	mfa := "no (what needs a second factor refuses it)"
	if t.SecondFactor {
		mfa = "yes (vouched for by the operator)"
	}
	fmt.Fprintf(stdout, "API token for %s\n  expires: %s (%d days)\n  scope: %s\n  second factor: %s\nthe token (shown once; store it safely):\n%s\n",
		email, t.ExpiresAt.Format("2006-01-02 15:04 UTC"), days, t.Scope, mfa, raw)
	return nil
}

func auditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	if err := parse(fs, args); err != nil {
		return err
	}
	d, err := db.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := audit.Verify(ctx, d)
	var be *audit.BrokenError
	if errors.As(err, &be) {
		return exitError{3, be}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "audit chain intact: %d entries\n", n)
	return nil
}

// describe turns a validation error into a line per field for the terminal.
func describe(err error) error {
	e := errs.As(err)
	if e.Kind != errs.KindInvalid && e.Kind != errs.KindTooLarge || len(e.Fields) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString("invalid input:")
	if e.Kind == errs.KindTooLarge {
		b.Reset()
		b.WriteString("refused, over a limit:")
	}
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Field, "line ") || f.Field == "file" {
			fmt.Fprintf(&b, "\n  %s: %s", f.Field, app.English(f.Key, f.Args))
			continue
		}
		flag := map[string]string{"org_id": "org", "roles": "role", "short_name": "org", "members": "FILE",
			"label": "name", "expires_in_days": "expires-in-days"}[f.Field]
		if flag == "" {
			flag = f.Field
		}
		fmt.Fprintf(&b, "\n  --%s: %s", flag, app.English(f.Key, f.Args))
	}
	return errors.New(b.String())
}
