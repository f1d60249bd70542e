package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

const caseLine = `{"id":"%s","crime_types":["trafficking_in_persons"],"country":"NGA","court":"Federal High Court, Lagos","court_level":"first_instance","decision_date":"2019-05-02","title":"%s","languages":["en"],"summary":{"en":"%s"},"defendants":[{"sex":"female","age":34,"nationality":"NGA","role":"recruiter","charges":[{"legislation":"TIPLEA 2015, s. 13","charge":"Trafficking","verdict":"convicted","imprisonment_months":48}]}],"victim_count":1,"victims":[{"sex":"female","age_group":"adult","nationality":"BEN"}],"keywords":{"acts":["recruitment"],"means":["deception"],"purposes":["sexual_exploitation"]}}`

func line(id, title, summary string) string {
	s := strings.Replace(caseLine, "%s", id, 1)
	s = strings.Replace(s, "%s", title, 1)
	return strings.Replace(s, "%s", summary, 1)
}

// TestCaselawCommands: a file with bad lines imports nothing and names each
// line; a good one publishes what passes the identifier check and holds
// the rest; re-importing the export changes nothing.
func TestCaselawCommands(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		url := dbtest.URL(t, e)
		dir := t.TempDir()
		bad := filepath.Join(dir, "bad.jsonl")
		os.WriteFile(bad, []byte(line("NGA-2019-001", "A", "ok")+"\n{oops\n"+strings.Replace(line("NGA-2019-002", "B", "ok"), "first_instance", "district", 1)+"\n"), 0o644)
		_, err := runCLI(t, "", "import", "caselaw", "--db", url, bad)
		if err == nil || !strings.Contains(err.Error(), "line 2:") || !strings.Contains(err.Error(), "line 3: court_level") {
			t.Fatalf("bad file: %v", err)
		}
		good := filepath.Join(dir, "good.jsonl")
		os.WriteFile(good, []byte(line("NGA-2019-001", "First", "Recruited by deception.")+"\n"+
			line("NGA-2019-002", "Second", "Call 0803 555 0199 for the victim.")+"\n"), 0o644)
		out, err := runCLI(t, "", "import", "caselaw", "--db", url, good)
		if err != nil || !strings.Contains(out, "2 added") || !strings.Contains(out, "1 published") ||
			!strings.Contains(out, "line 2: NGA-2019-002 held as a draft: possible personal identifiers (phone in summary.en)") {
			t.Fatalf("import: %v\n%s", err, out)
		}
		export := filepath.Join(dir, "export.jsonl")
		if out, err = runCLI(t, "", "export", "caselaw", "--db", url, export); err != nil || !strings.Contains(out, "1 cases written") {
			t.Fatalf("export: %v %s", err, out)
		}
		if out, err = runCLI(t, "", "import", "caselaw", "--db", url, export); err != nil || !strings.Contains(out, "1 unchanged") {
			t.Fatalf("re-import: %v %s", err, out)
		}
	})
}
