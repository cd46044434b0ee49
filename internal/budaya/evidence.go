package budaya

import (
	"bytes"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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

// Evidence scopes: internal files are downloaded at /evidence/{id} by whoever
// may read the record they belong to (EvidenceOwner); restricted files only
// through the routes of the feature that owns them.
const (
	EvidenceInternal   = "internal"
	EvidenceRestricted = "restricted"
)

// EvidenceOwner is a record an internal evidence file is attached to; who may
// read that record may download the file.
type EvidenceOwner struct {
	Kind   string // EvidenceOfCommitment, EvidenceOfAgentAction, EvidenceOfAgentReport or EvidenceOfChecklistReport
	ID     int64  // the commitment, the change-agent appointment, or the checklist report
	UnitID int64  // the unit the record belongs to
	UserID int64  // the change agent's account (agent actions and reports only)
}

// Kinds of records internal evidence belongs to.
const (
	EvidenceOfCommitment      = "commitment"
	EvidenceOfAgentAction     = "agent_action"
	EvidenceOfAgentReport     = "agent_report"
	EvidenceOfChecklistReport = "checklist_report"
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
		return "", Invalid("evidence", MsgFileTypeNotAccepted, ext)
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
		return "", Invalid("evidence", MsgContentDoesNotMatch, filename, ext)
	}
	return want, nil
}

// SanitizeFilename keeps the base name of an uploaded file and replaces
// characters that are unsafe in a Content-Disposition header or on common
// file systems. It drops control characters and invisible format characters
// (Unicode category Cf): the bidirectional overrides, embeddings, isolates and
// marks (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) would show
// "laporan\u202Efdp.exe" as "laporanexe.pdf", and zero-width characters make two
// names look alike. Every uploaded name is cleaned here and nowhere else.
func SanitizeFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '"' || r == '/' || r == ':' || r == '*' || r == '?' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.In(r, unicode.Zl, unicode.Zp):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(strings.TrimSpace(b.String()), ".")
	if out == "" {
		out = "berkas"
	}
	if len(out) > maxFilenameBytes {
		ext := path.Ext(out)
		if len(ext) > 10 {
			ext = ""
		}
		stem := out[:maxFilenameBytes-len(ext)]
		for !utf8.ValidString(stem) { // never cut a character in half
			stem = stem[:len(stem)-1]
		}
		out = stem + ext
	}
	return out
}

// maxFilenameBytes bounds a kept file name (in bytes of UTF-8).
const maxFilenameBytes = 120
