package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// ErrUnreadable wraps the reason a file is not the format it claims; the
// caller words it for its users (its own message key, with the detail).
var ErrUnreadable = errors.New("unreadable")

// xmlInMemory is the largest archive part excelize keeps in memory; larger
// worksheets are unzipped to a temporary file and read row by row.
const xmlInMemory = 16 << 20

// ratioExempt is the size under which a part may inflate any number of
// times: small parts of real workbooks (styles, shared strings of a few
// repeated words) compress very well.
const ratioExempt = 1 << 20

// OpenXLSX opens a spreadsheet after checking, from the archive's own
// directory, that it unzips to no more than l.Unzipped in all and that no
// part inflates more than l.Ratio times (a real worksheet inflates about
// ten times; a decompression bomb hundreds or thousands). excelize is
// given the same bound, and the zip reader refuses a part that inflates
// past the size its header declares, so a lying header gains nothing. Read
// its rows with File.Rows and count them with l.CheckRow.
func OpenXLSX(field string, data []byte, l Limits) (*excelize.File, error) {
	if err := l.CheckBytes(field, int64(len(data))); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if l.Unzipped > 0 && total > uint64(l.Unzipped) {
			return nil, Exceeded(field, KeyUnzipped, l.Unzipped)
		}
		if l.Ratio > 0 && f.UncompressedSize64 > ratioExempt && f.UncompressedSize64 > uint64(l.Ratio)*f.CompressedSize64 {
			return nil, Exceeded(field, KeyRatio, l.Ratio)
		}
	}
	opts := excelize.Options{}
	if l.Unzipped > 0 {
		opts.UnzipSizeLimit = l.Unzipped
		opts.UnzipXMLSizeLimit = min(l.Unzipped, xmlInMemory)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return f, nil
}
