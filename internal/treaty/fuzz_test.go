package treaty

import (
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
)

// FuzzParse feeds arbitrary files to the status table reader: it must never
// panic, and must either refuse the file with line-numbered findings or
// return actions that each name a participant and hold a date.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		header + "Iceland,13 Dec 2000,13 May 2010\nBahrain,,7 Jun 2004 a\n",
		"\ufeff" + header + "European Union,12 Dec 2000,21 May 2004 AA\nMontenegro,,23 Oct 2006 d\n",
		header + "Narnia,12 Dec 2000,\nKenya,,16 Jun 2004 x\n",
		"Participant,Signature,Ratification,Declarations\nCuba,13 Dec 2000,9 Feb 2007,\"text, with comma\"\n",
		header + "\"Côte d’Ivoire\",15 Dec 2000,25 Oct 2012 (c)\n",
		header + "\"unterminated,1 Jan 2000\n",
		"",
	} {
		f.Add(seed)
	}
	res := NewResolver(nil)
	f.Fuzz(func(t *testing.T, in string) {
		table, err := Parse(strings.NewReader(in), res)
		if err != nil {
			if e := errs.As(err); e.Kind != errs.KindInvalid || len(e.Fields) == 0 {
				t.Fatalf("error of the wrong kind: %v", err)
			}
			return
		}
		for _, a := range table.Actions {
			if a.Participant == "" || (a.Signature.IsZero() && a.Consent.IsZero()) || (!a.Consent.IsZero() && !a.Kind.Valid()) {
				t.Fatalf("bad action %+v from %q", a, in)
			}
		}
	})
}
