package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/omnibus"
)

const reviewUsage = `usage: tipsom review draw [--db URL] --instrument ID --cycle NAME --seed N [--under-review ISO3,…] [--as-of YYYY-MM-DD] [--starts-on YYYY-MM-DD] [--commit]`

// reviewCmd dispatches "tipsom review SUBCOMMAND".
func reviewCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "draw" {
		return exitError{2, errors.New(reviewUsage)}
	}
	return reviewDraw(ctx, args[1:], stdout)
}

// reviewDraw draws the reviewing States of a cycle and prints the draw as
// JSON; with --commit it records the cycle (the audit log keeps the seed).
// A draw that cannot meet the rules names the State and exits 1.
func reviewDraw(ctx context.Context, args []string, stdout io.Writer) error {
	var dbURL, under, asOf, starts string
	var req omnibus.DrawRequest
	var commit bool
	fs := flag.NewFlagSet("review draw", flag.ContinueOnError)
	app.DBFlag(fs, &dbURL)
	fs.StringVar(&req.Instrument, "instrument", "", "the instrument: untoc, tip-protocol, som-protocol (required)")
	fs.StringVar(&req.Cycle, "cycle", "", "the cycle's name, e.g. 2027-2028 (required)")
	fs.Int64Var(&req.Seed, "seed", -1, "the seed of the draw, a whole number (required): the same seed gives the same draw")
	fs.StringVar(&under, "under-review", "", "the States under review, ISO3 codes separated by commas (default: every party with a UN regional group)")
	fs.StringVar(&asOf, "as-of", "", "draw from the parties as at this day, YYYY-MM-DD (default: today)")
	fs.StringVar(&starts, "starts-on", "", "with --commit: the cycle's first day, YYYY-MM-DD (default: --as-of)")
	fs.BoolVar(&commit, "commit", false, "record the cycle and its reviews")
	if err := parse(fs, args); err != nil {
		return err
	}
	if req.Instrument == "" || req.Cycle == "" || req.Seed < 0 {
		return exitError{2, errors.New(reviewUsage)}
	}
	for name, day := range map[string]struct {
		s   string
		dst *time.Time
	}{"--as-of": {asOf, &req.AsOf}, "--starts-on": {starts, &req.StartsOn}} {
		if day.s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, day.s)
		if err != nil {
			return exitError{2, fmt.Errorf("%s %q: not a date YYYY-MM-DD", name, day.s)}
		}
		*day.dst = t
	}
	if under != "" {
		req.UnderReview = strings.Split(under, ",")
	}
	a, err := openApp(ctx, dbURL)
	if err != nil {
		return err
	}
	defer a.Close()
	by := auth.System("cli")
	res, err := a.Rooms.Omnibus.Draw(ctx, by, req)
	var de *omnibus.DrawError
	if errors.As(err, &de) {
		return exitError{1, de}
	}
	if err != nil {
		return describe(err)
	}
	if commit {
		c, err := a.Rooms.Omnibus.CommitDraw(ctx, by, req)
		if err != nil {
			return describe(err)
		}
		res.CycleID = c.ID
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
