package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/report"
)

const reportUsage = `usage: tipsom report glotip [--db URL] --edition NAME --years FROM-TO [--grouping ID] [--subgrouping ID]
       --out DIR [--pdf [--chromium PATH]] [--lang en,fr,…]`

// reportCmd dispatches "tipsom report SUBCOMMAND".
func reportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "glotip" {
		return exitError{2, errors.New(reportUsage)}
	}
	return reportGLOTIP(ctx, args[1:], stdout)
}

// reportGLOTIP writes an edition of the Global Report to a folder: the web
// edition and, with --pdf, report.pdf printed by Chromium. Without
// Chromium it says so before doing anything and exits 1.
func reportGLOTIP(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, years, langs, out string
	var spec report.Spec
	printer := report.Printer{Chromium: os.Getenv("TIPSOM_CHROMIUM")}
	fs := flag.NewFlagSet("report glotip", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&spec.Edition, "edition", "", "the edition's name, e.g. 2024 (required)")
	fs.StringVar(&years, "years", "", "the years it covers, FROM-TO (required)")
	fs.StringVar(&spec.Grouping, "grouping", report.DefaultGrouping, "the grouping whose groups are the regions")
	fs.StringVar(&spec.Subgrouping, "subgrouping", "", "the grouping whose groups are the sub-regions; none for none (default: M49 sub-regions under M49 regions)")
	fs.StringVar(&out, "out", "", "the folder to write the edition to; empty or new (required)")
	fs.BoolVar(&spec.PDF, "pdf", false, "also print report.pdf with headless Chromium")
	fs.StringVar(&printer.Chromium, "chromium", printer.Chromium, "the Chromium to print with (TIPSOM_CHROMIUM; default "+report.DefaultChromium+")")
	fs.StringVar(&langs, "lang", "en", "languages, comma-separated; the first at the folder's root")
	if err := parse(fs, args); err != nil {
		return err
	}
	span, ok := report.ParseYears(years)
	if spec.Edition == "" || !ok || out == "" {
		return exitError{2, errors.New(reportUsage)}
	}
	spec.Years, spec.Langs = span, report.ParseLangs(langs)
	if err := spec.Validate(); err != nil {
		return exitError{2, describe(err)}
	}
	if spec.PDF {
		if err := printer.Check(); err != nil {
			return exitError{1, err}
		}
	}
	if err := emptyDir(out); err != nil {
		return exitError{2, err}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := a.Rooms.Report
	e, err := svc.Build(ctx, spec)
	if err != nil {
		return describe(err)
	}
	if err := e.WriteDir(out); err != nil {
		return err
	}
	if spec.PDF {
		if err := printer.Print(ctx, out, e); err != nil {
			return err
		}
	}
	if err := e.Seal(out); err != nil {
		return err
	}
	fmt.Fprintln(stdout, e.Summary(out))
	return nil
}

// emptyDir accepts a folder that does not exist or is empty: an edition
// is written whole, never over an older one.
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--out %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("--out %s is not empty: an edition is written to an empty or new folder", dir)
	}
	return nil
}
