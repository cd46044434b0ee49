package qr

import (
	"bytes"
	"image/png"
	"testing"
)

func TestPNG(t *testing.T) {
	b, err := PNG("https://budaya.example.go.id/verify/0123456789abcdef", 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Dx(); got != 256 {
		t.Errorf("width: got %d, want 256", got)
	}
	if _, err := PNG("", 256); err == nil {
		t.Error("empty content: got nil error")
	}
}
