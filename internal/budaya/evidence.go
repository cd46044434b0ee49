package budaya

import (
	"bytes"
	"path"
	"strings"
	"time"
	"unicode"
)

// Evidence is an uploaded file that supports a record (bukti dukung): a
// commitment's progress, an activity, a nomination, a feedback note.
type Evidence struct {
	ID          int64
	BlobKey     string
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	Scope       string // EvidenceInternal or EvidenceRestricted
	UploadedBy  int64
	CreatedAt   time.Time
}

// Evidence scopes: internal files any signed-in user may download; restricted
// files only through the routes of the feature that owns them.
const (
	EvidenceInternal   = "internal"
	EvidenceRestricted = "restricted"
)

// MaxEvidenceBytes is the largest evidence file accepted.
const MaxEvidenceBytes = 10 << 20

// evidenceKinds maps allowed file extensions to the content type their bytes must show.
var evidenceKinds = map[string]string{
	".pdf":  "application/pdf",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".webp": "image/webp",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
}

// SniffEvidence checks that head (the first bytes of a file) is what the
// file's name claims and that the kind is allowed. It returns the content
// type to store and serve.
func SniffEvidence(filename string, head []byte) (string, error) {
	ext := strings.ToLower(path.Ext(filename))
	want, ok := evidenceKinds[ext]
	if !ok {
		return "", Invalid("evidence", "Jenis berkas %q tidak diterima. Unggah PDF, gambar (PNG, JPG, WebP) atau berkas office (DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PPT).",
			"File type %q is not accepted. Upload a PDF, an image (PNG, JPG, WebP) or an office file (DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS, PPT).", ext)
	}
	var match bool
	switch ext {
	case ".pdf":
		match = bytes.HasPrefix(head, []byte("%PDF-"))
	case ".png":
		match = bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n"))
	case ".jpg", ".jpeg":
		match = bytes.HasPrefix(head, []byte("\xff\xd8\xff"))
	case ".webp":
		match = len(head) >= 12 && bytes.HasPrefix(head, []byte("RIFF")) && string(head[8:12]) == "WEBP"
	case ".docx", ".xlsx", ".pptx", ".odt", ".ods":
		match = bytes.HasPrefix(head, []byte("PK\x03\x04")) // a zip container
	case ".doc", ".xls", ".ppt":
		match = bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) // OLE compound file
	}
	if !match {
		return "", Invalid("evidence", "Isi berkas %q tidak sesuai dengan jenisnya (%s). Simpan ulang berkas dalam format yang benar lalu unggah lagi.",
			"The content of %q does not match its type (%s). Save the file again in the right format and upload it again.", filename, ext)
	}
	return want, nil
}

// SanitizeFilename keeps the base name of an uploaded file and replaces
// anything that could confuse a file system, a header or a person.
func SanitizeFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '"' || r == '/' || r == ':' || r == '*' || r == '?' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(strings.TrimSpace(b.String()), ".")
	if out == "" {
		out = "berkas"
	}
	if len(out) > 120 {
		ext := path.Ext(out)
		out = out[:120-len(ext)] + ext
	}
	return out
}
