package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/errs"
)

// importCaselaw reads cases, one per line in their JSON form:
//
//	tipsom import caselaw [--db URL] [--draft] FILE.jsonl
//
// Every line is validated first and every bad one reported by number;
// then all are written in one transaction, or none. An import is an
// editor's act: cases are published unless --draft, except those the
// personal-identifier check (or the inclusion rule) holds back, which are
// listed. Cases already held get a new revision when they changed.
func importCaselaw(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	var draft bool
	var findingsPath string
	fs := flag.NewFlagSet("caselaw", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	findingsFlag(fs, &findingsPath)
	fs.BoolVar(&draft, "draft", false, "keep every imported case as a draft for editors to review")
	f, err := oneFile(fs, args)
	if err != nil {
		return err
	}
	defer f.Close()
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.Rooms.Caselaw
	lines, err := caselaw.ReadJSONL(f, a.Rooms.Geo.Known)
	if err != nil {
		return describeLines(err, findingsPath)
	}
	rep, err := svc.Import(ctx, auth.System("cli"), lines, draft)
	if err != nil {
		return describeLines(err, findingsPath)
	}
	fmt.Fprintf(stdout, "%d cases read: %d added, %d revised, %d unchanged; %d published, %d drafts, %d held back\n",
		rep.Read, rep.Added, rep.Revised, rep.Unchanged, rep.Published, rep.Drafts, len(rep.Held))
	for _, h := range rep.Held {
		if h.Reason == "inclusion" {
			fmt.Fprintf(stdout, "  line %d: %s held as a draft: the trafficking case does not meet the inclusion rule\n", h.Line, h.ID)
			continue
		}
		kinds := make([]string, len(h.Findings))
		for i, f := range h.Findings {
			kinds[i] = f.Kind + " in " + f.Field
		}
		fmt.Fprintf(stdout, "  line %d: %s held as a draft: possible personal identifiers (%s)\n", h.Line, h.ID, strings.Join(kinds, ", "))
	}
	return nil
}

// describeLines lists a file's findings in English, one per line: the
// first of each kind, and every one in the findings file when asked.
func describeLines(err error, findingsPath string) error {
	e := errs.As(err)
	if e.Kind != errs.KindInvalid && e.Kind != errs.KindTooLarge || len(e.Fields) == 0 {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "nothing imported: %d problems\n", len(e.Fields))
	out, ferr := newFindingsOut(&b, findingsPath)
	if ferr != nil {
		return ferr
	}
	for _, f := range e.Fields {
		out.add("of "+f.Key, fmt.Sprintf("  %s: %s", f.Field, app.English(f.Key, f.Args)))
	}
	if ferr := out.close(); ferr != nil {
		return ferr
	}
	return errors.New(strings.TrimSuffix(b.String(), "\n"))
}

// exportCaselaw writes the published cases: tipsom export caselaw FILE.jsonl.
func exportCaselaw(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	fs := flag.NewFlagSet("caselaw", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	if err := fs.Parse(args); err != nil {
		return exitError{2, err}
	}
	if fs.NArg() != 1 {
		return exitError{2, errors.New("usage: tipsom export caselaw [--db URL] FILE.jsonl")}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.Rooms.Caselaw
	out, err := os.Create(fs.Arg(0))
	if err != nil {
		return err
	}
	n, err := svc.Export(ctx, out)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d cases written to %s\n", n, fs.Arg(0))
	return nil
}
