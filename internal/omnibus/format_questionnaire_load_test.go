package omnibus

import (
	"testing"
	"testing/fstest"
)

// FuzzLoadSet: a questionnaire file of any content is loaded or refused
// with problems, never with a panic.
func FuzzLoadSet(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("id: [\n"))
	f.Add([]byte("articles: {a: 1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = LoadSet(fstest.MapFS{"tip-protocol.yaml": {Data: data}}, nil)
	})
}
