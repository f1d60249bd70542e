// Package intake bounds the files people and operators hand to tipsom:
// spreadsheets, CSV and JSON lines, PDF judgments. Each route or command
// declares its Limits; the readers here refuse a file as soon as it is over
// one of them, with an error that names the limit, instead of finding out
// after the memory is gone.
//
// The order matters as much as the bounds: a caller checks who is asking
// and that the object exists before it gives intake a byte (see
// web.ReadUpload), so a refused request costs nothing to parse.
//
// PDF text is extracted in a child process of the running binary, with its
// own memory, CPU and wall-clock limits, because a PDF reader holds far
// more of a hostile file in memory than the file's size suggests. The child
// is the same executable started with an environment variable; this
// package's init runs it, which is why every binary that links intake can
// serve as its own PDF reader (test binaries included).
package intake
