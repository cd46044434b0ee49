// Package pdfdoc lays out budaya's PDF documents (signed pledges, attendance
// lists, budget proposals, reports, certificates) with one look: A4, the
// instansi header, page numbers.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/budaya-id/budaya/internal/qr"
)

// Header is what the top of every page says.
type Header struct {
	Instansi string // e.g. "Kementerian Contoh Republik Indonesia"
	Title    string
	Subtitle string
	// Generated is printed in the footer; zero means now.
	Generated time.Time
}

// Doc is a PDF being written.
type Doc struct {
	pdf *fpdf.Fpdf
	tr  func(string) string
	n   int // images registered
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
	d := &Doc{pdf: pdf, tr: tr}
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

// Note writes a short paragraph aligned left: a line that a long word (an
// address) pushes into a line of its own is never stretched word by word, as
// justification would do.
func (d *Doc) Note(s string) {
	d.pdf.SetFont("Helvetica", "", 10.5)
	d.pdf.MultiCell(bodyWidth, 5.2, d.tr(s), "", "L", false)
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
	cols := make([]Column, len(headers))
	for i, h := range headers {
		cols[i] = Column{Header: h, Weight: 1}
		if len(widths) == len(headers) {
			cols[i].Weight = widths[i]
		}
	}
	rs := make([]Row, len(rows))
	for i, r := range rows {
		rs[i] = Row{Cells: r}
	}
	d.Grid(cols, rs)
}

// Column is one column of a Grid.
type Column struct {
	Header string
	// Right aligns the cells to the right (amounts).
	Right bool
	// Fit sizes the column to its widest cell and never wraps it: amounts,
	// codes and quarters that a line break would make unreadable.
	Fit bool
	// Weight shares out the width the fitted columns leave (default 1).
	Weight float64
}

// Row is one row of a Grid.
type Row struct {
	Cells []string
	Bold  bool // subtotals and totals
}

const (
	gridFont  = 9.0
	gridLine  = 4.6
	gridInset = 1.0 // mm between a cell's border and its text, beside fpdf's cell margin
)

// gridWidths sizes the columns: a fitted column is as wide as its widest cell
// (in the bold font, so a total fits too) and the rest share what is left by weight.
func (d *Doc) gridWidths(cols []Column, rows []Row) []float64 {
	pad := 2*gridInset + 2*d.pdf.GetCellMargin() + 0.6
	widths := make([]float64, len(cols))
	fixed, weights := 0.0, 0.0
	for i, c := range cols {
		if !c.Fit {
			weights += max(c.Weight, 0.01)
			continue
		}
		d.pdf.SetFont("Helvetica", "B", gridFont)
		w := 0.0
		for _, word := range strings.Fields(c.Header) {
			w = max(w, d.pdf.GetStringWidth(d.tr(word)))
		}
		for _, r := range rows {
			if i < len(r.Cells) {
				w = max(w, d.pdf.GetStringWidth(d.tr(r.Cells[i])))
			}
		}
		widths[i] = w + pad
		fixed += widths[i]
	}
	rest := max(bodyWidth-fixed, 0)
	for i, c := range cols {
		if !c.Fit {
			widths[i] = rest * max(c.Weight, 0.01) / weights
		}
	}
	return widths
}

// Grid writes a table whose columns may be right-aligned and sized to their
// content. Rows that do not fit move to the next page with the header repeated.
func (d *Doc) Grid(cols []Column, rows []Row) {
	widths := d.gridWidths(cols, rows)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	_, pageHeight := d.pdf.GetPageSize()
	var row func(cells []string, bold, head bool)
	row = func(cells []string, bold, head bool) {
		style := ""
		if bold || head {
			style = "B"
		}
		d.pdf.SetFont("Helvetica", style, gridFont)
		// The row's height is that of its tallest cell.
		lines := 1
		for i, cell := range cells {
			if i < len(widths) {
				lines = max(lines, len(d.pdf.SplitLines([]byte(d.tr(cell)), widths[i]-2*gridInset)))
			}
		}
		h := float64(lines) * gridLine
		if !head && d.pdf.GetY()+h > pageHeight-22 {
			d.pdf.AddPage()
			row(headers, true, true)
			d.pdf.SetFont("Helvetica", style, gridFont)
		}
		x, y := d.pdf.GetXY()
		for i := range cols {
			cell := ""
			if i < len(cells) {
				cell = cells[i]
			}
			if head {
				d.pdf.SetFillColor(238, 241, 244)
				d.pdf.Rect(x, y, widths[i], h, "FD")
			} else {
				d.pdf.Rect(x, y, widths[i], h, "D")
			}
			d.pdf.SetXY(x+gridInset, y+0.3)
			align := "L"
			if cols[i].Right {
				align = "R"
			}
			d.pdf.MultiCell(widths[i]-2*gridInset, gridLine, d.tr(cell), "", align, false)
			x += widths[i]
		}
		d.pdf.SetXY(margin, y+h)
	}
	row(headers, true, true)
	for _, r := range rows {
		row(r.Cells, r.Bold, false)
	}
	d.pdf.Ln(3)
}

// Signature is the block an official signs under a document: place and
// date, the role in which they sign, their name and NIP.
type Signature struct {
	PlaceDate string // "Jakarta, 3 Desember 2026"
	Role      string // "Yang mengusulkan,"
	Position  string // jabatan
	Name      string
	NIP       string // printed as "NIP 1980..." when set
}

// Signature writes a signature block in the right half of the page, moving
// to a new page when it does not fit below the text.
func (d *Doc) Signature(s Signature) {
	_, pageHeight := d.pdf.GetPageSize()
	if d.pdf.GetY()+50 > pageHeight-22 {
		d.pdf.AddPage()
	}
	d.pdf.Ln(4)
	x := margin + bodyWidth/2
	w := bodyWidth / 2
	line := func(style, text string) {
		d.pdf.SetX(x)
		d.pdf.SetFont("Helvetica", style, 10.5)
		d.pdf.MultiCell(w, 5.5, d.tr(text), "", "L", false)
	}
	line("", s.PlaceDate)
	line("", s.Role)
	if s.Position != "" {
		line("", s.Position)
	}
	d.pdf.Ln(20) // room for the signature and the stamp
	line("BU", s.Name)
	if s.NIP != "" {
		line("", "NIP "+s.NIP)
	}
	d.pdf.Ln(2)
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
		d.pdf.CellFormat(16, 6, strconv.FormatFloat(v, 'f', 1, 64), "", 1, "R", false, 0, "")
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
