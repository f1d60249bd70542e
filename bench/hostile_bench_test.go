package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/intake/intaketest"
)

// The targets for a hostile file: the answer within 5 s, the
// server's memory within 300 MB of what it was.
const (
	targetHostileTime   = 5 * time.Second
	targetHostileMemory = 300 << 20
)

// hostileRow is a data row of the published layout; six million copies
// of it make a 7 MB workbook that unzips to 2 GB.
var hostileRow = []string{"ISL", "Iceland", "Europe", "Northern Europe", "Detected trafficking victims", "Total", "Total",
	"Total", "Total", "2022", "Counts", "12", "Ministry of Justice"}

func hostileXLSX() []byte {
	header := []string{"Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age",
		"Year", "Unit of measurement", "txtVALUE", "Source"}
	return intaketest.XLSX([][]string{{"UNODC"}, {"30/05/2023"}, header}, hostileRow, 6_000_000)
}

// BenchmarkHostileUploads posts decompression bombs as the issue's
// attackers did — a focal point to a submission that does not exist, to
// their own, an analyst to the import, a focal point to another country's
// case and to their own — and runs `tipsom import glotip` on the same
// workbook. Each reports the time to the answer and the rise of the
// server's resident memory over it (for PDFs, also the reader process's
// peak); for the command, its whole peak resident memory.
func BenchmarkHostileUploads(b *testing.B) {
	srv := apptest.Start(b, db.SQLite)
	ctx := context.Background()
	login := func(u apptest.User) *http.Client {
		c := srv.SignIn(b, u)
		return c
	}
	analyst := login(srv.CreateUser(b, "analyst@example.org", auth.RoleAnalyst))
	fpISL := login(srv.CreateUser(b, "fp-isl@example.org", auth.RoleFocalPoint))
	fpKEN := login(srv.CreateUserIn(b, "fp-ken@example.org", "KEN", "", auth.RoleFocalPoint))
	res := srv.Post(b, analyst, "/stats/collection/rounds", url.Values{"name": {"Round"}, "years": {"2022"},
		"indicators": {"detected_victims"}, "deadline": {"2099-12-31"}})
	res.Body.Close()
	round := res.Header.Get("Location")
	res = srv.Post(b, fpISL, round+"/start", nil)
	res.Body.Close()
	submission := res.Header.Get("Location")
	cl := srv.App.Rooms.Caselaw
	var c caselaw.Case
	json.Unmarshal([]byte(`{"id":"ISL-2020-001","crime_types":["trafficking_in_persons"],"country":"ISL","court":"District Court",
		"court_level":"first_instance","decision_date":"2020-06-15","title":"Prosecutor v. A.","languages":["en"],
		"summary":{"en":"The victims were recruited by deception and exploited in restaurants."},"victim_count":1,
		"victims":[{"sex":"female","age_group":"adult","nationality":"PHL"}],
		"keywords":{"acts":["recruitment"],"means":["deception"],"purposes":["forced_labour"]}}`), &c)
	sys := auth.System("bench")
	if _, err := cl.Save(ctx, sys, c, ""); err != nil {
		b.Fatal(err)
	}
	if _, err := cl.Publish(ctx, sys, c.ID, 1); err != nil {
		b.Fatal(err)
	}
	xlsx, pdf := hostileXLSX(), intaketest.PDFBomb(200<<20)
	b.Logf("workbook %d KB (2 GB unzipped), PDF %d KB (200 MB inflated)", len(xlsx)>>10, len(pdf)>>10)
	for _, a := range []struct {
		name   string
		client *http.Client
		path   string
		file   string
		data   []byte
	}{
		{"focal_point_no_such_submission", fpISL, "/stats/collection/submissions/999999/upload", "q.xlsx", xlsx},
		{"focal_point_own_submission", fpISL, submission + "/upload", "q.xlsx", xlsx},
		{"analyst_import", analyst, "/stats/import", "glotip.xlsx", xlsx},
		{"focal_point_other_country_case", fpKEN, "/caselaw/" + c.ID + "/files", "judgment.pdf", pdf},
		{"focal_point_own_case", fpISL, "/caselaw/" + c.ID + "/files", "judgment.pdf", pdf},
	} {
		b.Run(a.name, func(b *testing.B) {
			for b.Loop() {
				rise, child, took, status := measure(func() int { return postHostile(b, srv, a.client, a.path, a.file, a.data) })
				reportHostile(b, took, rise, child, fmt.Sprintf("%d", status))
			}
		})
	}
	b.Run("cli_import_glotip", func(b *testing.B) {
		bin := buildBinary(b)
		path := filepath.Join(b.TempDir(), "bomb.xlsx")
		if err := os.WriteFile(path, xlsx, 0o600); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			cmd := exec.Command(bin, "import", "glotip", "--db", "sqlite:"+filepath.Join(b.TempDir(), "cli.db"), path)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			var err error
			_, peak, took, _ := measure(func() int { err = cmd.Run(); return 0 })
			msg := strings.TrimSpace(out.String())
			if err == nil || !strings.Contains(msg, "inflates more than") {
				b.Fatalf("the command did not refuse the bomb: %v: %s", err, msg)
			}
			reportHostile(b, took, peak, 0, msg)
		}
	})
}

// reportHostile prints one figure against the targets and records it.
func reportHostile(b *testing.B, took time.Duration, rise, child int64, answer string) {
	b.Helper()
	verdict := "met"
	if took > targetHostileTime || rise > targetHostileMemory {
		verdict = "MISSED"
	}
	b.ReportMetric(took.Seconds(), "s")
	b.ReportMetric(float64(rise)/(1<<20), "MB_rise")
	if child > 0 {
		b.ReportMetric(float64(child)/(1<<20), "MB_reader")
	}
	b.Logf("%s: %.2f s, memory +%d MB (reader process %d MB) (targets 5 s, 300 MB: %s): %s",
		b.Name(), took.Seconds(), rise>>20, child>>20, verdict, answer)
}

// measure runs fn and returns how far the process's resident memory rose
// above where it started, and the peak of its child processes (the PDF
// readers), both sampled every few milliseconds, and how long fn took.
// (A child's own rusage is no use here: Linux counts in it the memory of
// the parent it was forked from.)
func measure(fn func() int) (rise, child int64, took time.Duration, status int) {
	runtime.GC()
	base := rss()
	var peak, kids atomic.Int64
	peak.Store(base)
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if r := rss(); r > peak.Load() {
					peak.Store(r)
				}
				if k := childrenHWM(os.Getpid()); k > kids.Load() {
					kids.Store(k)
				}
			}
		}
	}()
	start := time.Now()
	status = fn()
	took = time.Since(start)
	close(done)
	return peak.Load() - base, kids.Load(), took, status
}

// childrenHWM is the largest peak resident memory (VmHWM) among the live
// child processes of pid.
func childrenHWM(pid int) int64 {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var top int64
	for _, t := range tasks {
		b, _ := os.ReadFile(t)
		for _, c := range strings.Fields(string(b)) {
			if n := hwm(c); n > top {
				top = n
			}
		}
	}
	return top
}

// hwm is the peak resident memory of process pid, from /proc.
func hwm(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}

// rss is this process's resident memory, from /proc (0 elsewhere).
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident int64
	fmt.Sscan(string(b), &size, &resident)
	return resident * int64(os.Getpagesize())
}

func postHostile(b *testing.B, srv *apptest.Server, c *http.Client, path, name string, data []byte) int {
	b.Helper()
	res := srv.PostFile(b, c, path, nil, name, data)
	res.Body.Close()
	if res.StatusCode < 400 {
		b.Fatalf("%s: %d, want a refusal", path, res.StatusCode)
	}
	return res.StatusCode
}
