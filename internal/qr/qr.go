// Package qr makes QR codes (pledge verification links, session check-in).
// It wraps github.com/skip2/go-qrcode, which saves writing a Reed-Solomon
// QR encoder of our own.
package qr

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// PNG returns a size x size PNG of a QR code holding content, with medium
// error correction (readable from a phone screen or paper).
func PNG(content string, size int) ([]byte, error) {
	if content == "" {
		return nil, fmt.Errorf("qr: empty content")
	}
	b, err := qrcode.Encode(content, qrcode.Medium, size)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	return b, nil
}
