package intake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// childEnv starts the running binary as a PDF reader instead of itself.
const (
	childEnv       = "TIPSOM_INTAKE_CHILD"
	childMemoryEnv = "TIPSOM_INTAKE_MEMORY"
	childTextEnv   = "TIPSOM_INTAKE_TEXT"
	childPDFText   = "pdftext"
)

// Exit codes of the reader process besides 0.
const exitUnreadable = 3

// ErrNoText is returned when the PDF holds no text the reader understands
// (a scan, a damaged or encrypted file): the file may still be kept, only
// not searched by its words.
var ErrNoText = errors.New("no readable text")

// readers bounds how many PDF reader processes run at once in this
// process; more wait for a turn (or for their context to end).
var readers = make(chan struct{}, max(1, runtime.NumCPU()))

// PDFText extracts the text of a PDF in a child process held to l.Memory
// and l.Time. A file the reader cannot parse gives ErrNoText; one that
// needs more memory or time than allowed, or has more than l.Text of text,
// gives the limit's error on field.
func PDFText(ctx context.Context, field string, data []byte, l Limits) (string, error) {
	if err := l.CheckBytes(field, int64(len(data))); err != nil {
		return "", err
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("pdf reader: %w", err)
	}
	select {
	case readers <- struct{}{}:
		defer func() { <-readers }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	timeout := l.Time
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe)
	cmd.Env = append(childEnviron(), childEnv+"="+childPDFText,
		childMemoryEnv+"="+strconv.FormatInt(l.Memory, 10), childTextEnv+"="+strconv.FormatInt(l.Text, 10))
	cmd.Stdin = bytes.NewReader(data)
	out := &capped{max: l.Text + 1}
	if l.Text <= 0 {
		out.max = 64 << 20
	}
	var stderr capped
	stderr.max = 4 << 10
	cmd.Stdout, cmd.Stderr = out, &stderr
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case cctx.Err() != nil && ctx.Err() == nil:
		return "", Exceeded(field, KeyTime, int64(timeout))
	case ctx.Err() != nil:
		return "", ctx.Err()
	case errors.As(err, &exit) && exit.ExitCode() == exitUnreadable:
		return "", fmt.Errorf("%w: %s", ErrNoText, strings.TrimSpace(stderr.String()))
	case errors.As(err, &exit):
		// Out of memory (the runtime aborts), over its CPU time, or killed.
		return "", Exceeded(field, KeyMemory, l.Memory)
	case err != nil:
		return "", fmt.Errorf("pdf reader: %w", err)
	case l.Text > 0 && int64(out.Len()) > l.Text:
		return "", Exceeded(field, KeyText, l.Text)
	}
	return out.String(), nil
}

// childEnviron is the parent's environment without database URLs and
// other secrets the reader has no use for.
func childEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TIPSOM_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// capped is a buffer that keeps its first max bytes and counts the rest
// away, so a child cannot fill the parent's memory through a pipe.
type capped struct {
	bytes.Buffer
	max int64
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - int64(c.Len()); room > 0 {
		c.Buffer.Write(p[:min(int64(len(p)), room)])
	}
	return len(p), nil
}
