package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/intake"
)

// importCmd dispatches "tipsom import KIND …". Each import is all or
// nothing: a file with any bad line writes nothing and lists every bad line.
func importCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return exitError{2, errors.New("usage: tipsom import population|grouping|treaty|glotip|caselaw [flags] FILE")}
	}
	switch args[0] {
	case "population":
		return importPopulation(ctx, args[1:], stdout)
	case "grouping":
		return importGrouping(ctx, args[1:], stdout)
	case "treaty":
		return importTreaty(ctx, args[1:], stdout)
	case "glotip":
		return importGLOTIP(ctx, args[1:], stdout)
	case "caselaw":
		return importCaselaw(ctx, args[1:], stdout)
	}
	return exitError{2, fmt.Errorf("unknown import %q: want population, grouping, treaty, glotip or caselaw", args[0])}
}

// oneFile parses fs and returns its single FILE argument, opened.
func oneFile(fs *flag.FlagSet, args []string) (*os.File, error) {
	if err := fs.Parse(args); err != nil {
		return nil, exitError{2, err}
	}
	if fs.NArg() != 1 {
		return nil, exitError{2, fmt.Errorf("usage: tipsom import %s [flags] FILE", fs.Name())}
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return nil, err
	}
	return f, nil
}

// readBounded reads an operator's file whole, refusing one larger than
// lim.Bytes before reading it.
func readBounded(f *os.File, lim intake.Limits) ([]byte, error) {
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if err := lim.CheckBytes("file", st.Size()); err != nil {
			return nil, err
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, lim.Bytes+1))
	if err != nil {
		return nil, err
	}
	return data, lim.CheckBytes("file", int64(len(data)))
}

func importPopulation(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, source string
	fs := flag.NewFlagSet("population", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&source, "source", "", "where the figures come from (required), e.g. \"UN DESA WPP 2024\"")
	f, err := oneFile(fs, args)
	if err != nil {
		return err
	}
	defer f.Close()
	if source == "" {
		return exitError{2, errors.New("--source is required")}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	data, err := readBounded(f, geo.CSVLimits)
	if err != nil {
		return describe(err)
	}
	rows, skipped, err := geo.ReadPopulation(bytes.NewReader(data), a.Rooms.Geo.Known, time.Now())
	if err != nil {
		return describe(err)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stdout, "%d codes skipped: not among the countries (aggregates such as WLD, or areas without an M49 code): %s\n", len(skipped), strings.Join(skipped, " "))
	}
	n, err := a.Rooms.Geo.ImportPopulation(ctx, auth.System("cli"), rows, source)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "%d population figures read, %d added or changed\n", len(rows), n)
	return nil
}

func importGrouping(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, name, edition string
	fs := flag.NewFlagSet("grouping", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&name, "name", "", "the grouping's name (required), e.g. \"GLOTIP regions\"")
	fs.StringVar(&edition, "edition", "", "the edition it belongs to, e.g. 2024")
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
	data, err := readBounded(f, geo.CSVLimits)
	if err != nil {
		return describe(err)
	}
	members, err := geo.ParseMembers(bytes.NewReader(data), a.Rooms.Geo.Known)
	if err != nil {
		return describe(err)
	}
	g, err := a.Rooms.Geo.SaveGrouping(ctx, auth.System("cli"), geo.GroupingInput{Name: name, Edition: edition, Members: members})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "grouping %s: %d countries in %d groups\n", g.ID, g.Countries, len(g.Groups))
	return nil
}
