package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/stats"
)

// importGLOTIP reads a dataUNODC file: tipsom import glotip [--accept-findings] FILE.
func importGLOTIP(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL string
	var accept bool
	var findingsPath string
	fs := flag.NewFlagSet("glotip", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	findingsFlag(fs, &findingsPath)
	fs.BoolVar(&accept, "accept-findings", false, "write every row that is neither in error nor in conflict, and queue the conflicts for analysts")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: tipsom import glotip [flags] FILE.xlsx|FILE.csv\nlimits: %s\n", stats.CommandLimits.Describe())
		fs.PrintDefaults()
	}
	f, err := oneFile(fs, args)
	if err != nil {
		return err
	}
	data, err := readBounded(f, stats.CommandLimits)
	if err != nil {
		return describe(err)
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Rooms.Stats.Import(ctx, auth.System("cli"), filepath.Base(fs.Arg(0)), data,
		stats.ImportOptions{AcceptFindings: accept, Limits: stats.CommandLimits})
	if err != nil {
		return describe(err)
	}
	if err := printReport(stdout, rep, accept, findingsPath); err != nil {
		return err
	}
	if !rep.Stored && !rep.Unchanged {
		return exitError{1, fmt.Errorf("nothing written: %d conflicts and %d errors (use --accept-findings to write the rest and queue the conflicts)",
			rep.Conflicts, countSeverity(rep.Findings, stats.SevError))}
	}
	return nil
}

func countSeverity(fs []stats.Finding, sev string) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// printReport lists the findings, conflicts first (the first of each kind
// on the screen, every one in the findings file), then what was done.
func printReport(w io.Writer, rep *stats.ImportReport, accept bool, findingsPath string) error {
	fmt.Fprintf(w, "%s: %d rows read; %d conflicts, %d errors, %d duplicates, %d warnings\n", rep.File, rep.Read, rep.Conflicts,
		countSeverity(rep.Findings, stats.SevError), countSeverity(rep.Findings, stats.SevDuplicate), countSeverity(rep.Findings, stats.SevWarning))
	out, err := newFindingsOut(w, findingsPath)
	if err != nil {
		return err
	}
	order := map[string]int{stats.SevConflict: 0, stats.SevError: 1, stats.SevDuplicate: 2, stats.SevWarning: 3}
	fs := append([]stats.Finding(nil), rep.Findings...)
	sort.SliceStable(fs, func(i, j int) bool { return order[fs[i].Severity] < order[fs[j].Severity] })
	for _, f := range fs {
		lines := make([]string, len(f.Lines))
		for i, l := range f.Lines {
			lines[i] = fmt.Sprint(l)
		}
		out.add(f.Severity+"s", fmt.Sprintf("  %-9s line %s: %s", f.Severity, strings.Join(lines, ", "), app.English(f.Key, f.Args)))
	}
	if accept && len(rep.Skipped) > 0 {
		lines := make([]int, 0, len(rep.Skipped))
		for l := range rep.Skipped {
			lines = append(lines, l)
		}
		sort.Ints(lines)
		fmt.Fprintf(w, "skipped %d rows:\n", len(lines))
		for _, l := range lines {
			out.add("skipped rows", fmt.Sprintf("  line %d: %s", l, app.English(rep.Skipped[l], nil)))
		}
	}
	if err := out.close(); err != nil {
		return err
	}
	switch {
	case rep.Unchanged:
		fmt.Fprintln(w, "nothing changed: these figures are already held")
	case rep.Stored:
		fmt.Fprintf(w, "%d figures added or changed; %d conflicts queued for analysts\n", rep.Written, rep.Queued)
	}
	return nil
}

// exportGLOTIP writes the published figures: tipsom export glotip
// [--format csv|xlsx|json] [--stored-counts] FILE. By default the file holds
// what the public API answers, under the disclosure rule (no count from 1
// to 4: "<5", and "x" for a figure that would give one away); with
// --stored-counts it holds the counts as stored, for moving figures between
// tipsom databases, and says so.
func exportGLOTIP(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, format, country, indicator string
	var stored bool
	fs := flag.NewFlagSet("glotip", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&format, "format", "", "csv, xlsx or json (default: from the file name)")
	fs.StringVar(&country, "country", "", "only this ISO3 country")
	fs.StringVar(&indicator, "indicator", "", "only this indicator")
	fs.BoolVar(&stored, "stored-counts", false, "write the counts as stored, small ones included: not for publication")
	if err := fs.Parse(args); err != nil {
		return exitError{2, err}
	}
	if fs.NArg() != 1 {
		return exitError{2, errors.New("usage: tipsom export glotip [--format csv|xlsx|json] [--stored-counts] FILE")}
	}
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(fs.Arg(0))), ".")
	}
	if format != stats.FormatCSV && format != stats.FormatXLSX && format != stats.FormatJSON {
		return exitError{2, fmt.Errorf("--format %q: want csv, xlsx or json", format)}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	out, err := os.Create(fs.Arg(0))
	if err != nil {
		return err
	}
	filter := stats.ExportFilter{Country: strings.ToUpper(country), Indicator: indicator, Stored: stored, Explain: app.English}
	n, err := a.Rooms.Stats.Export(ctx, out, format, filter, a.RegionNameEN)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d rows written to %s\n", n, fs.Arg(0))
	if filter.Country == "" && filter.Indicator == "" {
		left, err := a.Rooms.Stats.LeftOut(ctx, app.English)
		if err != nil {
			return err
		}
		if len(left) > 0 {
			where := "listed in the sheet " + stats.LeftOutSheet
			if format != stats.FormatXLSX {
				where = "export as xlsx for the list"
			}
			fmt.Fprintf(stdout, "%d rows of the imported files are left out (in error, or in conflict until an analyst chooses): %s\n", len(left), where)
		}
	}
	if stored {
		fmt.Fprintln(stdout, "the counts as stored, small ones included: not for publication")
	}
	return nil
}
