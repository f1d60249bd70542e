package bodies

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/web"
)

// uploadDocument adds a file to a meeting, read only once the meeting is
// known to exist and the user to be an editor.
func (h *Web) uploadDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, slug := r.Context(), r.PathValue("slug")
	by := auth.FromContext(ctx)
	up, err := web.ReadUpload(r, "file", DocumentLimits, func() error { return h.Svc.MayAddDocument(ctx, by, slug, id) })
	if err == nil {
		in := DocumentInput{Title: r.PostFormValue("title")}
		if up != nil {
			in.Filename, in.Data = up.Name, up.Data
		}
		if _, err = h.Svc.AddDocument(ctx, by, slug, id, in); err == nil {
			return web.Redirect(w, r, bodyURL(slug)+"#meeting-"+strconv.FormatInt(id, 10), "flash.bodies_document_added")
		}
	}
	return h.failed(w, r, slug, err)
}

// download sends a document as an attachment with the type sniffed at
// upload. The sandbox policy keeps an uploaded HTML file from running as
// this site if a browser opens it anyway; the SHA-256 is the ETag and the
// Repr-Digest (RFC 9530), so a reader can check what they received.
func (h *Web) download(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	d, err := h.Svc.Document(r.Context(), id)
	if err != nil {
		return err
	}
	hd := w.Header()
	hd.Set("Content-Type", d.ContentType)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": d.Filename})
	if disposition == "" {
		disposition = "attachment"
	}
	hd.Set("Content-Disposition", disposition)
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("ETag", `"`+d.SHA256+`"`)
	if sum, err := hex.DecodeString(d.SHA256); err == nil {
		hd.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(sum)+":")
	}
	hd.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, d.Filename, d.UploadedAt, bytes.NewReader(d.Data))
	return nil
}
