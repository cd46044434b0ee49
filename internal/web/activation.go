package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// ActivationFormat is the file format of a batch, from the name of the file
// asked for: "csv" or "pdf"; an error says what to give instead.
func ActivationFormat(name string) (string, error) {
	switch ext := strings.ToLower(name); {
	case strings.HasSuffix(ext, ".csv"):
		return "csv", nil
	case strings.HasSuffix(ext, ".pdf"):
		return "pdf", nil
	}
	return "", budaya.Invalid("out", budaya.MsgFileMustEndCSV, name)
}

// WriteActivation writes batch b as format ("csv": NIP, name, unit, link,
// code, valid until; "pdf": slips to cut, several to an A4 page), with links
// under base (the public address of budaya), labels in lang and times in loc.
func WriteActivation(w io.Writer, format string, b *store.ActivationBatch, base, instansi, lang string, loc *time.Location) error {
	base = strings.TrimRight(base, "/")
	t := func(key string, args ...any) string { return translate(lang, key, args...) }
	expires := b.Expires.In(loc).Format("02-01-2006 15:04 MST")
	switch format {
	case "csv":
		tw, err := tabular.NewWriter(w, "csv")
		if err != nil {
			return err
		}
		if err := tw.Header(t("activation.col_nip"), t("activation.col_name"), t("activation.col_unit_code"), t("activation.col_unit"),
			t("activation.col_link"), t("activation.col_code"), t("activation.col_expires")); err != nil {
			return err
		}
		for _, s := range b.Slips {
			if err := tw.Row(s.Identifier, s.Name, s.UnitCode, s.UnitName, base+"/password/"+s.Token, s.Code, expires); err != nil {
				return err
			}
		}
		return tw.Close()
	case "pdf":
		slips := make([]pdfdoc.Slip, len(b.Slips))
		for i, s := range b.Slips {
			slips[i] = pdfdoc.Slip{Name: s.Name, Identifier: s.Identifier, Unit: s.UnitCode + " " + s.UnitName, Link: base + "/password/" + s.Token, Code: s.Code}
		}
		l := pdfdoc.SlipLabels{Heading: t("activation.slip_heading"), Identifier: t("activation.col_nip"), Unit: t("activation.col_unit"),
			Code: t("activation.slip_code", base+"/kiosk"), Expires: t("activation.slip_expires", expires), HowTo: t("activation.slip_howto"), Cut: t("activation.slip_cut")}
		return pdfdoc.SlipSheet(w, instansi, t("activation.slip_title"), l, slips)
	}
	return fmt.Errorf("activation format %q: use csv or pdf", format)
}

type activationPage struct {
	page
	Units   []budaya.Unit
	Periods []budaya.Period
	Form    activationForm
}

type activationForm struct {
	By       string // "unit" or "period"
	UnitID   int64
	Subtree  bool
	PeriodID int64
	Format   string
}

func (s *Server) activationPageData(r *http.Request, f activationForm) (activationPage, error) {
	p := activationPage{page: s.newPage(r, "activation.title"), Form: f}
	var err error
	if p.Units, _, err = s.db.ListUnits(r.Context(), budaya.UnitFilter{}); err != nil {
		return p, err
	}
	if p.Periods, err = s.db.ListPeriods(r.Context()); err != nil {
		return p, err
	}
	return p, nil
}

// handleActivationPage shows the form of an activation batch: a unit (with
// or without the units below it) or a period's raters, CSV or PDF.
func (s *Server) handleActivationPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.activationPageData(r, activationForm{By: "unit", Subtree: true, Format: "pdf"})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "activation", p)
}

// handleActivationCreate makes the batch and answers it as a download. The
// file holds live links and codes: it is never cached, and a refused batch
// shows the form again with the reason.
func (s *Server) handleActivationCreate(w http.ResponseWriter, r *http.Request) {
	f := activationForm{By: r.PostFormValue("by"), Subtree: r.PostFormValue("subtree") != "", Format: r.PostFormValue("format")}
	f.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	f.PeriodID, _ = strconv.ParseInt(r.PostFormValue("period_id"), 10, 64)
	b, err := func() (*store.ActivationBatch, error) {
		if f.Format != "csv" && f.Format != "pdf" {
			return nil, budaya.Invalid("format", budaya.MsgChooseCSVPDF)
		}
		t := store.ActivationTarget{UnitID: f.UnitID, Subtree: f.Subtree}
		switch f.By {
		case "unit":
			if f.UnitID == 0 {
				return nil, budaya.Invalid("unit_id", budaya.MsgChooseUnit)
			}
		case "period":
			if f.PeriodID == 0 {
				return nil, budaya.Invalid("period_id", budaya.MsgChoosePeriod)
			}
			t = store.ActivationTarget{PeriodID: f.PeriodID}
		default:
			return nil, budaya.Invalid("by", budaya.MsgChooseUnitPeriod)
		}
		return s.db.CreateActivationBatch(r.Context(), actor(r), t)
	}()
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ENOTFOUND) {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.activationPageData(r, f)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Error = e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "activation", p)
		return
	}
	name := "aktivasi-" + s.localNow().Format("20060102-1504") + "." + f.Format
	ctype := "application/pdf"
	if f.Format == "csv" {
		ctype = tabular.ContentType("csv")
	}
	// Into a buffer first: a failure is a clean error page, not half a file.
	var buf bytes.Buffer
	if err := WriteActivation(&buf, f.Format, b, s.publicURL(r, ""), s.instansiName(r.Context()), langOf(r), s.loc); err != nil {
		s.renderError(w, r, fmt.Errorf("write activation batch %s: %w", b.ID, err))
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = buf.WriteTo(w)
}
