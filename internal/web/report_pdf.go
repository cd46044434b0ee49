package web

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/store"
)

// handleReportPDF writes the individual 360 report as a PDF for the employee,
// under the same rules as the page: suppressed groups print as a dash.
func (s *Server) handleReportPDF(w http.ResponseWriter, r *http.Request) {
	periodID, employeeID, err := twoPathIDs(r, "id", "employee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rep, err := s.report360(r, periodID, employeeID, "pdf")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	instansi, err := s.db.Setting(r.Context(), store.SettingInstansiName, "")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	lang := langOf(r)
	t := func(key string, args ...any) string { return translate(lang, key, args...) }
	num := func(g budaya.GroupScore) string {
		if g.Suppressed || g.N == 0 {
			return "-"
		}
		return budaya.FormatNumber(lang, g.Mean, 2)
	}
	d := pdfdoc.New(pdfdoc.Header{Instansi: instansi, Title: t("report.heading"), Subtitle: rep.PeriodName, Generated: s.localNow(), Lang: lang})
	d.KV([][2]string{{t("report.employee"), rep.EmployeeName}, {t("report.unit"), rep.UnitName}, {t("report.period"), rep.PeriodName}})
	d.Para(t("report.rule", rep.MinGroup))
	headers := []string{t("report.code"), t("group.self"), t("group.atasan"), t("group.peer"), t("group.bawahan"), t("report.others"), t("report.unit_mean")}
	widths := []float64{40, 20, 20, 20, 20, 27, 27}
	table := func(rows []budaya.ReportRow, withName bool) [][]string {
		var out [][]string
		for _, x := range rows {
			label := x.Code
			if withName {
				label = x.Code + " " + x.Name
			}
			row := []string{label}
			for _, g := range x.Groups {
				row = append(row, num(g))
			}
			unit := "-"
			if x.UnitMean > 0 {
				unit = budaya.FormatNumber(lang, x.UnitMean, 2)
			}
			out = append(out, append(row, num(x.Others), unit))
		}
		return out
	}
	d.Heading(t("report.values"))
	d.Table(headers, widths, table(rep.Values, true))
	var labels []string
	var others []float64
	for _, v := range rep.Values {
		labels = append(labels, v.Code+" "+v.Name)
		o := 0.0
		if v.Others.N > 0 {
			o = v.Others.Mean
		}
		others = append(others, o)
	}
	d.BarChart(t("report.others"), labels, others, 5)
	d.Heading(t("report.behaviours"))
	d.Table(headers, widths, table(rep.Behaviours, false))
	if len(rep.Strengths) > 0 || len(rep.Gaps) > 0 {
		d.Heading(t("report.strengths_gaps"))
		var kv [][2]string
		for _, x := range rep.Strengths {
			kv = append(kv, [2]string{t("report.strength"), fmt.Sprintf("%s %s (%+.2f)", x.Code, x.Name, x.Gap)})
		}
		for _, x := range rep.Gaps {
			kv = append(kv, [2]string{t("report.gap"), fmt.Sprintf("%s %s (%+.2f)", x.Code, x.Name, x.Gap)})
		}
		d.KV(kv)
	}
	for _, g := range budaya.RaterGroups360 {
		if cs := rep.Comments[g]; len(cs) > 0 {
			d.Heading(t("report.comments") + ": " + t("group."+g))
			for _, c := range cs {
				d.Para("- " + c)
			}
		}
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="laporan-360-%d-%d.pdf"`, periodID, employeeID))
	_, _ = buf.WriteTo(w)
}
