package importer_test

import (
	"io"
	"os"
	"testing"
)

// TestGenerateFile writes the benchmark's 100,000-employee file to
// $BUDAYA_GEN_FILE, for measuring the CLI with /usr/bin/time -v.
func TestGenerateFile(t *testing.T) {
	t.Parallel()
	dst := os.Getenv("BUDAYA_GEN_FILE")
	if dst == "" {
		t.Skip("set BUDAYA_GEN_FILE to write the file")
	}
	in := generate(t, 100_000)
	src, err := os.Open(in.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, src); err != nil {
		t.Fatal(err)
	}
}
