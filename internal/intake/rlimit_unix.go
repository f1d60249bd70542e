//go:build unix

package intake

import "syscall"

// limitMemory caps the data segment (the heap the Go runtime maps), so a
// reader that goes past it fails instead of the machine.
func limitMemory(n int64) {
	lim := &syscall.Rlimit{Cur: uint64(n), Max: uint64(n)}
	syscall.Setrlimit(syscall.RLIMIT_DATA, lim)
}
