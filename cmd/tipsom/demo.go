package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// demo loads the demo accounts and content into --db; with --reset it
// first empties the database (only one that holds nothing but demo
// accounts), so the demo is back to its first state.
func demo(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	var reset bool
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.BoolVar(&reset, "reset", false, "empty the demo database first, bringing it back to its first state (refused when it holds accounts that are not demo accounts)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if reset {
		if err := resetDemo(ctx, dbURL, stdout); err != nil {
			return err
		}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	accounts, err := a.LoadDemo(ctx)
	if err != nil {
		return err
	}
	app.PrintDemoAccounts(stdout, accounts)
	return nil
}

// resetDemo empties the database at dbURL: a SQLite file is removed, a
// PostgreSQL database has every migration rolled back. A database with an
// account that is not a demo account is left alone.
func resetDemo(ctx context.Context, dbURL string, stdout io.Writer) error {
	path, isFile := strings.CutPrefix(dbURL, "sqlite:")
	if isFile {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil // nothing to reset
		}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	users, err := a.Auth.ListUsers(ctx, auth.System("demo"), auth.UserFilter{})
	if err != nil {
		a.Close()
		return err
	}
	for _, u := range users {
		if !u.Demo {
			a.Close()
			return exitError{1, fmt.Errorf("--reset refused: %s holds the account %s, which is not a demo account", db.Redact(dbURL), u.Email)}
		}
	}
	if !isFile {
		err = a.DB.Unmigrate(ctx)
	}
	a.Close()
	if err != nil {
		return err
	}
	if isFile {
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	fmt.Fprintf(stdout, "demo database %s emptied\n", db.Redact(dbURL))
	return nil
}

// demoCode prints the current TOTP code of a demo account. It opens only
// an existing database: without --db it looks for the one `make run` uses
// (var/tipsom.db) here and in the folders above, and when there is none it
// says which --db to pass rather than creating an empty one.
func demoCode(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	fs := flag.NewFlagSet("demo code", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	if err := fs.Parse(args); err != nil {
		return exitError{2, err}
	}
	if fs.NArg() != 1 {
		return exitError{2, errors.New("usage: tipsom demo code [--db URL] EMAIL")}
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "db" })
	_, fromEnv := os.LookupEnv("TIPSOM_DB")
	dbURL, err := findDemoDB(dbURL, explicit || fromEnv)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	code, err := a.Auth.DemoCode(ctx, fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%s is not a demo account with a second factor in %s", fs.Arg(0), db.Redact(dbURL))
	}
	fmt.Fprintln(stdout, code)
	return nil
}

// findDemoDB returns the database URL to read a demo code from. A SQLite
// file must exist; the default one is also looked for in the folders
// above, so the command works from anywhere inside the repository.
func findDemoDB(dbURL string, explicit bool) (string, error) {
	path, isFile := strings.CutPrefix(dbURL, "sqlite:")
	if !isFile {
		return dbURL, nil
	}
	if _, err := os.Stat(path); err == nil {
		return dbURL, nil
	}
	if !explicit && !filepath.IsAbs(path) {
		dir, err := os.Getwd()
		for err == nil {
			if _, serr := os.Stat(filepath.Join(dir, path)); serr == nil {
				return "sqlite:" + filepath.Join(dir, path), nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", exitError{1, fmt.Errorf("no database at %s: pass the --db that served the demo (make run uses --db %s from the repository's folder; make run DB=… needs the same DB=… here)",
		path, app.Defaults().DB)}
}
