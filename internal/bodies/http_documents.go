package bodies

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
	"github.com/tipsom/tipsom/internal/web"
)

// uploadMemory is how much of a multipart upload is held in memory; the
// rest goes to a temporary file the server removes after the request.
const uploadMemory = 1 << 20

// documentInput reads the upload form: a title and one file. A body over
// the route's limit is 413; a file over MaxDocument is left to the
// service's validation, which names the limit.
func documentInput(r *http.Request) (DocumentInput, error) {
	var in DocumentInput
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, errs.TooLarge()
		}
		return in, errs.Invalid().Field("file", "err.bodies_file_required")
	}
	in.Title = r.PostFormValue("title")
	f, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return in, nil
	}
	if err != nil {
		return in, fmt.Errorf("read upload: %w", err)
	}
	defer f.Close()
	in.Filename = hdr.Filename
	if in.Data, err = io.ReadAll(io.LimitReader(f, MaxDocument+1)); err != nil {
		return in, fmt.Errorf("read upload %s: %w", hdr.Filename, err)
	}
	return in, nil
}

func (h *Web) uploadDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ctx, slug := r.Context(), r.PathValue("slug")
	in, err := documentInput(r)
	if err == nil {
		if _, err = h.Svc.AddDocument(ctx, auth.FromContext(ctx), slug, id, in); err == nil {
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
