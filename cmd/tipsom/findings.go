package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
)

// shownPerKind is how many findings of one kind an import prints; the
// rest are counted, and written in full with --findings FILE.
const shownPerKind = 20

// findingsFlag adds --findings FILE to an import's flags.
func findingsFlag(fs *flag.FlagSet, path *string) {
	fs.StringVar(path, "findings", "", fmt.Sprintf("write every finding to this file (the screen shows the first %d of each kind)", shownPerKind))
}

// findingsOut prints an import's findings: the first shownPerKind of each
// kind on the screen, then how many more there are; every one, when asked,
// to a file.
type findingsOut struct {
	w      io.Writer
	file   *os.File
	all    *bufio.Writer
	counts map[string]int
	order  []string
}

// newFindingsOut writes to w, and to the file at path when path is set.
func newFindingsOut(w io.Writer, path string) (*findingsOut, error) {
	o := &findingsOut{w: w, counts: map[string]int{}}
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		o.file, o.all = f, bufio.NewWriter(f)
	}
	return o, nil
}

// add records one finding of kind, already worded as a line.
func (o *findingsOut) add(kind, line string) {
	if o.counts[kind] == 0 {
		o.order = append(o.order, kind)
	}
	o.counts[kind]++
	if o.counts[kind] <= shownPerKind {
		fmt.Fprintln(o.w, line)
	}
	if o.all != nil {
		fmt.Fprintln(o.all, line)
	}
}

// close says how many of each kind were not shown, and where they are.
func (o *findingsOut) close() error {
	for _, k := range slices.Clone(o.order) {
		if n := o.counts[k] - shownPerKind; n > 0 {
			where := "--findings FILE lists them all"
			if o.file != nil {
				where = "all are in " + o.file.Name()
			}
			fmt.Fprintf(o.w, "  … and %d more %s (%s)\n", n, k, where)
		}
	}
	if o.file == nil {
		return nil
	}
	if err := o.all.Flush(); err != nil {
		o.file.Close()
		return err
	}
	return o.file.Close()
}
