package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/go-pdf/fpdf"

	"github.com/budaya-id/budaya/internal/qr"
)

// Slip is one person's activation slip: who it is for, the one-time link
// (printed and as a QR code) and the short code for the kiosk.
type Slip struct {
	Name, Identifier, Unit string
	Link, Code             string
}

// SlipLabels are the printed words of a slip sheet, in the reader's language.
type SlipLabels struct {
	Heading    string // "Aktivasi akun budaya"
	Identifier string // "NIP"
	Unit       string
	Code       string // "Kode kios"
	Expires    string // "Berlaku sampai 04-03-2026 08:00"
	HowTo      string // one short line: scan or open the link, or use the code at the kiosk
	Cut        string // "potong di sini"
}

// Slip sheet layout: A4 portrait, two columns by five rows of slips, each
// 95 x 55 mm, separated by dashed cut lines.
const (
	slipCols    = 2
	slipRows    = 5
	slipMargin  = 10.0
	slipW       = (pageWidth - 2*slipMargin) / slipCols
	slipH       = 55.0
	slipPad     = 4.0
	slipQR      = 30.0
	slipPerPage = slipCols * slipRows
)

// SlipSheet writes slips to w as an A4 PDF of SlipsPerPage slips a page,
// for cutting. instansi heads each slip.
func SlipSheet(w io.Writer, instansi, title string, l SlipLabels, slips []Slip) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(slipMargin, slipMargin, slipMargin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetTitle(title, true)
	pdf.SetCreator("budaya", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	for i, s := range slips {
		n := i % slipPerPage
		if n == 0 {
			pdf.AddPage()
			cutLines(pdf, tr(l.Cut))
		}
		x := slipMargin + float64(n%slipCols)*slipW
		y := slipMargin + float64(n/slipCols)*slipH
		// 3 pixels a module (a negative size, go-qrcode's variable size): sharp
		// when scaled to 30 mm, and a fraction of the work of a fixed 240 px.
		png, err := qr.PNG(s.Link, -3)
		if err != nil {
			return fmt.Errorf("slip of %s: %w", s.Identifier, err)
		}
		name := "qr" + strconv.Itoa(i)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		pdf.ImageOptions(name, x+slipW-slipPad-slipQR, y+slipPad+4, slipQR, slipQR, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")

		textW := slipW - 2*slipPad - slipQR - 2
		pdf.SetTextColor(79, 89, 101)
		pdf.SetFont("Helvetica", "", 7)
		pdf.SetXY(x+slipPad, y+slipPad)
		pdf.CellFormat(slipW-2*slipPad, 3.5, tr(instansi+" - "+l.Heading), "", 1, "L", false, 0, "")
		pdf.SetTextColor(27, 31, 36)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.SetX(x + slipPad)
		pdf.MultiCell(textW, 4.5, tr(s.Name), "", "L", false)
		pdf.SetFont("Helvetica", "", 8)
		pdf.SetX(x + slipPad)
		pdf.CellFormat(textW, 4, tr(l.Identifier+": "+s.Identifier), "", 1, "L", false, 0, "")
		pdf.SetX(x + slipPad)
		pdf.MultiCell(textW, 3.6, tr(l.Unit+": "+s.Unit), "", "L", false)
		pdf.Ln(1)
		pdf.SetX(x + slipPad)
		pdf.SetFont("Helvetica", "", 7)
		pdf.CellFormat(textW, 3.5, tr(l.Code), "", 1, "L", false, 0, "")
		pdf.SetX(x + slipPad)
		pdf.SetFont("Courier", "B", 16)
		pdf.CellFormat(textW, 7, s.Code, "", 1, "L", false, 0, "")

		pdf.SetXY(x+slipPad, y+slipPad+slipQR+5)
		pdf.SetFont("Courier", "", 6.5)
		pdf.MultiCell(slipW-2*slipPad, 3, s.Link, "", "L", false)
		pdf.SetX(x + slipPad)
		pdf.SetFont("Helvetica", "", 6.5)
		pdf.SetTextColor(79, 89, 101)
		pdf.MultiCell(slipW-2*slipPad, 3, tr(l.HowTo+" "+l.Expires), "", "L", false)
	}
	if len(slips) == 0 {
		pdf.AddPage()
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("slip sheet: %w", err)
	}
	return pdf.Output(w)
}

// cutLines draws the dashed lines between the slips of a page, with a small
// scissors note at the top.
func cutLines(pdf *fpdf.Fpdf, cut string) {
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetLineWidth(0.2)
	pdf.SetDashPattern([]float64{2, 1.5}, 0)
	for c := 0; c <= slipCols; c++ {
		x := slipMargin + float64(c)*slipW
		pdf.Line(x, slipMargin, x, slipMargin+slipRows*slipH)
	}
	for r := 0; r <= slipRows; r++ {
		y := slipMargin + float64(r)*slipH
		pdf.Line(slipMargin, y, pageWidth-slipMargin, y)
	}
	pdf.SetDashPattern(nil, 0)
	pdf.SetFont("Helvetica", "", 6)
	pdf.SetTextColor(150, 150, 150)
	pdf.SetXY(slipMargin, slipMargin-3.5)
	pdf.CellFormat(40, 3, cut, "", 0, "L", false, 0, "")
}
