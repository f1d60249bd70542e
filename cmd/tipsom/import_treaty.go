package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/treaty"
)

// importTreaty reads a UN Treaty Collection status table:
//
//	tipsom import treaty --instrument ID [--db URL] [--as-of YYYY-MM-DD] [--recorded-on YYYY-MM-DD --source S] FILE.csv
//
// It imports all of it or nothing (every bad line listed), then prints what
// changed and the parties as at --as-of (by default today, or the date the
// tables record when older), which is how an
// operator checks the figures a report cites.
func importTreaty(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, id, asOfFlag, recordedFlag, source string
	fs := flag.NewFlagSet("treaty", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&id, "instrument", "", "the instrument (required): "+strings.Join(treaty.InstrumentIDs(), ", "))
	fs.StringVar(&asOfFlag, "as-of", "", "print the parties as at this date, YYYY-MM-DD (default today)")
	fs.StringVar(&recordedFlag, "recorded-on", "", "the date the table records the status on, YYYY-MM-DD; pages then say \"status as recorded on\" it (with --source)")
	fs.StringVar(&source, "source", "", "where the table comes from, as pages cite it (with --recorded-on)")
	f, err := oneFile(fs, args)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, ok := treaty.InstrumentByID(id); !ok {
		return exitError{2, fmt.Errorf("--instrument %q: want one of %s", id, strings.Join(treaty.InstrumentIDs(), ", "))}
	}
	var asOf time.Time
	if asOfFlag != "" {
		if asOf, err = time.Parse(time.DateOnly, asOfFlag); err != nil {
			return exitError{2, fmt.Errorf("--as-of %q: want a date YYYY-MM-DD", asOfFlag)}
		}
	}
	var recordedOn time.Time
	if recordedFlag != "" || source != "" {
		if recordedOn, err = time.Parse(time.DateOnly, recordedFlag); err != nil || strings.TrimSpace(source) == "" {
			return exitError{2, fmt.Errorf("--recorded-on YYYY-MM-DD and --source go together")}
		}
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := treaty.NewService(a.DB)
	data, err := readBounded(f, treaty.TableLimits)
	if err != nil {
		return describe(err)
	}
	table, err := treaty.Parse(bytes.NewReader(data), treaty.NewResolver(a.Rooms.Geo.Countries()))
	if err != nil {
		return describe(err)
	}
	res, err := svc.Import(ctx, auth.System("cli"), id, table)
	if err != nil {
		return describe(err)
	}
	if !recordedOn.IsZero() {
		if err := svc.SetRecord(ctx, auth.System("cli"), treaty.Record{Instrument: id, RecordedOn: recordedOn, Source: source}); err != nil {
			return describe(err)
		}
	}
	if asOf.IsZero() {
		asOf = svc.StatusDay(ctx) // today, or the date the tables record when older
	}
	counts, err := svc.Counts(ctx, asOf)
	if err != nil {
		return err
	}
	c := counts[id]
	fmt.Fprintf(stdout, "%s: %d participants read; %d added, %d changed, %d removed, %d unchanged\n",
		id, res.Read, res.Added, res.Changed, res.Removed, res.Unchanged)
	fmt.Fprintf(stdout, "%s: %d parties as at %s (%d States), %d signatories not yet bound\n",
		id, c.Parties, asOf.Format(time.DateOnly), c.States, c.Signatories)
	return nil
}
