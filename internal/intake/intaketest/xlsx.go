package intaketest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

// XLSX writes a workbook whose first sheet holds head (rows written as
// given) followed by n copies of row, cells as shared strings. With a large
// n it is a decompression bomb: the rows compress to almost nothing.
func XLSX(head [][]string, row []string, n int) []byte {
	var strs []string
	index := map[string]int{}
	ref := func(s string) int {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = len(strs)
		strs = append(strs, s)
		return len(strs) - 1
	}
	rowXML := func(cells []string) string {
		var b strings.Builder
		b.WriteString("<row>")
		for _, c := range cells {
			fmt.Fprintf(&b, `<c t="s"><v>%d</v></c>`, ref(c))
		}
		b.WriteString("</row>")
		return b.String()
	}
	var top strings.Builder
	for _, h := range head {
		top.WriteString(rowXML(h))
	}
	body := rowXML(row)

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	part := func(name, content string) {
		w, _ := zw.Create(name)
		io.WriteString(w, content)
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="data" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	var ss strings.Builder
	fmt.Fprintf(&ss, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">`, len(strs))
	for _, s := range strs {
		ss.WriteString("<si><t>")
		xml.EscapeText(&ss, []byte(s))
		ss.WriteString("</t></si>")
	}
	ss.WriteString("</sst>")
	part("xl/sharedStrings.xml", ss.String())
	sheet := repeated{
		head: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + top.String(),
		body: body, n: n, tail: `</sheetData></worksheet>`}
	sheet.writeTo(zw, "xl/worksheets/sheet1.xml")
	zw.Close()
	return out.Bytes()
}

// repeated is an archive part made of head, n copies of body, then tail.
// It is deflated once per 32,768 copies and the compressed block is
// repeated, so a part of gigabytes is written in milliseconds.
type repeated struct {
	head, body, tail string
	n                int
}

func (p repeated) writeTo(zw *zip.Writer, name string) {
	const batch = 32768
	chunk := strings.Repeat(p.body, batch)
	crc := crc32.Update(0, crc32.IEEETable, []byte(p.head))
	size := uint64(len(p.head))
	var raw bytes.Buffer
	raw.Write(deflated(p.head, false))
	c := deflated(chunk, false)
	for left := p.n; left > 0; left -= batch {
		if left < batch {
			part := chunk[:len(p.body)*left]
			raw.Write(deflated(part, false))
			crc = crc32.Update(crc, crc32.IEEETable, []byte(part))
			size += uint64(len(part))
			break
		}
		raw.Write(c)
		crc = crc32.Update(crc, crc32.IEEETable, []byte(chunk))
		size += uint64(len(chunk))
	}
	raw.Write(deflated(p.tail, true))
	crc = crc32.Update(crc, crc32.IEEETable, []byte(p.tail))
	size += uint64(len(p.tail))
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(raw.Len()), UncompressedSize64: size})
	w.Write(raw.Bytes())
}

// deflated compresses s on its own, ending byte-aligned so that such
// pieces can be joined; the last one closes the stream.
func deflated(s string, last bool) []byte {
	var b bytes.Buffer
	fw, _ := flate.NewWriter(&b, flate.BestCompression)
	io.WriteString(fw, s)
	if last {
		fw.Close()
	} else {
		fw.Flush()
	}
	return b.Bytes()
}

// LyingXLSX is a workbook whose sheet's header declares a few kilobytes
// while its data inflates to n bytes.
func LyingXLSX(n int) []byte {
	real := XLSX([][]string{{"a"}}, []string{"x"}, 1)
	zr, _ := zip.NewReader(bytes.NewReader(real), int64(len(real)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
			rc, _ := f.Open()
			io.Copy(w, rc)
			rc.Close()
			continue
		}
		body := strings.Repeat("<row><c><v>1</v></c></row>", n/26+1)
		raw := deflated(`<worksheet><sheetData>`+body+`</sheetData></worksheet>`, true)
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, CRC32: 0,
			CompressedSize64: uint64(len(raw)), UncompressedSize64: 4096})
		w.Write(raw)
	}
	zw.Close()
	return out.Bytes()
}
