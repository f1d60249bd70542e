package bench

import (
	"os"
	"sync"
	"testing"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/stats"
)

// The 500,000-observation databases take minutes to load through the
// import, so the query benchmarks share one per engine, loaded by the first
// benchmark that needs it and removed when the test binary ends.
var shared = struct {
	sync.Mutex
	loaded   map[db.Dialect]*stats.Service
	cleanups []func()
}{loaded: map[db.Dialect]*stats.Service{}}

// TestMain removes the shared databases once every benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(shared.cleanups) - 1; i >= 0; i-- {
		shared.cleanups[i]()
	}
	os.Exit(code)
}

// keepTB is the benchmark that loads a shared database, except that what it
// would clean up at its end waits for TestMain, and its temporary folder
// with it.
type keepTB struct{ testing.TB }

func (keepTB) Cleanup(f func()) { shared.cleanups = append(shared.cleanups, f) }

func (k keepTB) TempDir() string {
	dir, err := os.MkdirTemp("", "tipsom-bench-")
	if err != nil {
		k.Fatalf("temp dir: %v", err)
	}
	shared.cleanups = append(shared.cleanups, func() { os.RemoveAll(dir) })
	return dir
}

// loaded500k returns a service on engine e whose database holds the
// 500,000-row generated file, imported once per test binary.
func loaded500k(b *testing.B, e db.Dialect) *stats.Service {
	b.Helper()
	shared.Lock()
	defer shared.Unlock()
	if s, ok := shared.loaded[e]; ok {
		return s
	}
	const rows = 500_000
	s := newService(keepTB{b}, e)
	importAll(b, s, "generated.csv", file(b, "csv", rows), rows)
	shared.loaded[e] = s
	return s
}
