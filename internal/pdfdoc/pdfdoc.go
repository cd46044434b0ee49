// Package pdfdoc lays out budaya's PDF documents (signed pledges, attendance
// lists, budget proposals, reports, certificates) with one look: A4, the
// instansi header, page numbers.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/qr"
)

// Header is what the top of every page says.
type Header struct {
	Instansi string // e.g. "Kementerian Contoh Republik Indonesia"
	Title    string
	Subtitle string
	// Generated is printed in the footer; zero means now.
	Generated time.Time
	// Lang ("id" or "en") decides how numbers are written: 4,67 or 4.67.
	Lang string
}

// Doc is a PDF being written.
type Doc struct {
	pdf  *fpdf.Fpdf
	tr   func(string) string
	lang string
	n    int // images registered
}

const (
	margin    = 18.0
	pageWidth = 210.0
	bodyWidth = pageWidth - 2*margin
)

// New starts an A4 document with h on every page.
func New(h Header) *Doc {
	if h.Generated.IsZero() {
		h.Generated = time.Now()
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, 30, margin)
	pdf.SetAutoPageBreak(true, 20)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	d := &Doc{pdf: pdf, tr: tr, lang: h.Lang}
	pdf.SetTitle(h.Title, true)
	pdf.SetCreator("budaya", true)
	pdf.SetHeaderFunc(func() {
		pdf.SetFillColor(11, 79, 138)
		pdf.Rect(0, 0, pageWidth, 4, "F")
		pdf.SetXY(margin, 9)
		pdf.SetFont("Helvetica", "B", 11)
		pdf.SetTextColor(27, 31, 36)
		pdf.CellFormat(bodyWidth, 5, tr(h.Instansi), "", 1, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		pdf.SetTextColor(79, 89, 101)
		sub := h.Title
		if h.Subtitle != "" {
			sub += " - " + h.Subtitle
		}
		pdf.CellFormat(bodyWidth, 5, tr(sub), "", 1, "L", false, 0, "")
		pdf.SetDrawColor(207, 213, 220)
		pdf.Line(margin, 22, pageWidth-margin, 22)
		pdf.SetTextColor(27, 31, 36)
		pdf.SetY(28)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetTextColor(79, 89, 101)
		left := "budaya - Bangga Melayani Bangsa - dibuat " + h.Generated.Format("02-01-2006 15:04 MST")
		pdf.CellFormat(bodyWidth/2, 5, tr(left), "", 0, "L", false, 0, "")
		pdf.CellFormat(bodyWidth/2, 5, "Halaman "+strconv.Itoa(pdf.PageNo())+" / {nb}", "", 0, "R", false, 0, "")
	})
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()
	return d
}

// Heading writes a section heading.
func (d *Doc) Heading(s string) {
	d.pdf.Ln(2)
	d.pdf.SetFont("Helvetica", "B", 13)
	d.pdf.MultiCell(bodyWidth, 6, d.tr(s), "", "L", false)
	d.pdf.Ln(1)
}

// Para writes a paragraph.
func (d *Doc) Para(s string) {
	d.pdf.SetFont("Helvetica", "", 10.5)
	d.pdf.MultiCell(bodyWidth, 5.2, d.tr(s), "", "J", false)
	d.pdf.Ln(2)
}

// Mono writes text in a fixed-width font (hashes, codes).
func (d *Doc) Mono(s string) {
	d.pdf.SetFont("Courier", "", 9)
	d.pdf.MultiCell(bodyWidth, 4.5, d.tr(s), "", "L", false)
	d.pdf.Ln(1)
}

// KV writes label: value pairs.
func (d *Doc) KV(pairs [][2]string) {
	for _, p := range pairs {
		d.pdf.SetFont("Helvetica", "B", 10)
		d.pdf.CellFormat(45, 5.5, d.tr(p[0]), "", 0, "L", false, 0, "")
		d.pdf.SetFont("Helvetica", "", 10)
		d.pdf.MultiCell(bodyWidth-45, 5.5, d.tr(p[1]), "", "L", false)
	}
	d.pdf.Ln(2)
}

// Table writes a table; widths are in mm (nil spreads evenly). Rows that do
// not fit move to the next page with the header repeated.
func (d *Doc) Table(headers []string, widths []float64, rows [][]string) {
	if len(widths) != len(headers) {
		widths = make([]float64, len(headers))
		for i := range widths {
			widths[i] = bodyWidth / float64(len(headers))
		}
	}
	header := func() {
		d.pdf.SetFont("Helvetica", "B", 9)
		d.pdf.SetFillColor(238, 241, 244)
		for i, h := range headers {
			d.pdf.CellFormat(widths[i], 6, d.tr(h), "1", 0, "L", true, 0, "")
		}
		d.pdf.Ln(-1)
	}
	header()
	d.pdf.SetFont("Helvetica", "", 9)
	_, pageHeight := d.pdf.GetPageSize()
	for _, row := range rows {
		// The row's height is that of its tallest cell.
		lines := 1
		for i, cell := range row {
			if i < len(widths) {
				if n := len(d.pdf.SplitLines([]byte(d.tr(cell)), widths[i]-2)); n > lines {
					lines = n
				}
			}
		}
		h := float64(lines) * 4.6
		if d.pdf.GetY()+h > pageHeight-22 {
			d.pdf.AddPage()
			header()
			d.pdf.SetFont("Helvetica", "", 9)
		}
		x, y := d.pdf.GetXY()
		for i := range headers {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			d.pdf.Rect(x, y, widths[i], h, "D")
			d.pdf.SetXY(x+1, y+0.3)
			d.pdf.MultiCell(widths[i]-2, 4.6, d.tr(cell), "", "L", false)
			x += widths[i]
		}
		d.pdf.SetXY(margin, y+h)
	}
	d.pdf.Ln(3)
}

// QR draws a QR code of content, sizeMM wide, at the left margin.
func (d *Doc) QR(content string, sizeMM float64) error {
	png, err := qr.PNG(content, 512)
	if err != nil {
		return err
	}
	return d.Image(png, "PNG", sizeMM)
}

// Image draws a PNG or JPEG image, widthMM wide, at the left margin.
func (d *Doc) Image(data []byte, kind string, widthMM float64) error {
	d.n++
	name := "img" + strconv.Itoa(d.n)
	d.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf image: %w", err)
	}
	d.pdf.ImageOptions(name, margin, d.pdf.GetY(), widthMM, 0, true, fpdf.ImageOptions{ImageType: kind}, 0, "")
	d.pdf.Ln(2)
	return nil
}

// BarChart draws horizontal bars of values (0..max) with their labels.
func (d *Doc) BarChart(title string, labels []string, values []float64, max float64) {
	if title != "" {
		d.pdf.SetFont("Helvetica", "B", 10)
		d.pdf.CellFormat(bodyWidth, 6, d.tr(title), "", 1, "L", false, 0, "")
	}
	if max <= 0 {
		max = 1
	}
	labelW, barW := 55.0, bodyWidth-55-18
	d.pdf.SetFont("Helvetica", "", 9)
	for i, l := range labels {
		v := 0.0
		if i < len(values) {
			v = values[i]
		}
		y := d.pdf.GetY()
		d.pdf.CellFormat(labelW, 6, d.tr(l), "", 0, "L", false, 0, "")
		d.pdf.SetFillColor(238, 241, 244)
		d.pdf.Rect(margin+labelW, y+1, barW, 4, "F")
		d.pdf.SetFillColor(11, 79, 138)
		w := barW * v / max
		if w > barW {
			w = barW
		}
		if w > 0 {
			d.pdf.Rect(margin+labelW, y+1, w, 4, "F")
		}
		d.pdf.SetXY(margin+labelW+barW+2, y)
		d.pdf.CellFormat(16, 6, budaya.FormatNumber(d.lang, v, 1), "", 1, "R", false, 0, "")
	}
	d.pdf.Ln(2)
}

// NewPage starts a new page.
func (d *Doc) NewPage() { d.pdf.AddPage() }

// Output writes the finished document to w.
func (d *Doc) Output(w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return d.pdf.Output(w)
}
