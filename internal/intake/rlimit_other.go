//go:build !unix

package intake

// limitMemory relies on the runtime's soft memory limit where the system
// offers no hard one.
func limitMemory(int64) {}
