package mail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Digest is what a leader's weekly digest holds: counts of what waits for
// them in the units they lead, never who has or has not answered.
type Digest struct {
	Leader       store.Leader
	Week         time.Time           // a day of the week the digest covers (instansi time)
	Overdue      int                 // open commitments of their subtree past the due date
	OverdueItems []budaya.Commitment // the first few of them
	Reports      int                 // change-agent reports of their units waiting for their decision
	Rates        []DigestRate        // response rates of the open periods, per led unit (subtree)
	NewFigures   []budaya.Period     // periods closed in the last week
}

// DigestRate is the response rate of one led unit's subtree in an open
// period. Completed is only set when Shown: the response-rate rule
// (budaya.ParticipationShown) hides it for a group of fewer than K tasks.
type DigestRate struct {
	PeriodName, Instrument, UnitName string
	Total, Completed                 int
	Shown                            bool
	K                                int
}

// Empty reports whether nothing waits: such a digest is not sent.
func (d *Digest) Empty() bool {
	return d.Overdue == 0 && d.Reports == 0 && len(d.Rates) == 0 && len(d.NewFigures) == 0
}

// BuildDigest reads what waits for leader l at now, through the reader's
// scope (budaya.Reader: the subtrees of the units of their pimpinan grants).
func BuildDigest(ctx context.Context, db *store.DB, l store.Leader, now time.Time, loc *time.Location) (*Digest, error) {
	u, err := db.FindUser(ctx, l.UserID)
	if err != nil {
		return nil, err
	}
	rd, err := db.ReaderOf(ctx, u)
	if err != nil {
		return nil, err
	}
	d := &Digest{Leader: l, Week: now.In(loc)}
	today := now.In(loc)
	items, total, err := db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: rd.Scope(), Overdue: true, Today: today, Page: 1, PerPage: 5})
	if err != nil {
		return nil, err
	}
	d.Overdue, d.OverdueItems = total, items
	led := make([]int64, 0, len(rd.Led))
	for _, u := range rd.Led {
		led = append(led, u.ID)
	}
	reports, err := db.ListAgentReports(ctx, budaya.AgentReportFilter{UnitIDs: led, Status: budaya.ReportSubmitted})
	if err != nil {
		return nil, err
	}
	for i := range reports {
		if budaya.MayDecideAgentReport(rd, &reports[i]) {
			d.Reports++
		}
	}
	periods, err := db.ListPeriods(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		switch {
		case p.Open() && p.Generation == "done":
			rates, err := digestRates(ctx, db, rd, &p)
			if err != nil {
				return nil, err
			}
			d.Rates = append(d.Rates, rates...)
		case p.Status == budaya.PeriodClosed && !p.ClosedAt.IsZero() && now.Sub(p.ClosedAt) < 7*24*time.Hour && !p.ClosedAt.After(now):
			d.NewFigures = append(d.NewFigures, p)
		}
	}
	return d, nil
}

// digestRates returns the response rates of the topmost units of rd's scope
// in period p, each for its whole subtree, under the response-rate rule.
func digestRates(ctx context.Context, db *store.DB, rd budaya.Reader, p *budaya.Period) ([]DigestRate, error) {
	var out []DigestRate
	for _, instrument := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
		if (instrument == budaya.InstrumentSurvey && !p.HasSurvey) || (instrument == budaya.Instrument360 && !p.Has360) {
			continue
		}
		all, err := db.ResponseRates(ctx, p.ID, instrument, 0)
		if err != nil {
			return nil, err
		}
		snapshot := make(map[int64]string, len(all))
		for _, x := range all {
			snapshot[x.UnitID] = x.Path
		}
		sc := rd.ScopeIn(snapshot)
		var tops []string
		for _, x := range all { // ordered by path: a parent comes before its children
			if !sc.Contains(x.Path) || x.Total == 0 {
				continue
			}
			under := false
			for _, t := range tops {
				if strings.HasPrefix(x.Path, t) {
					under = true
					break
				}
			}
			if under {
				continue
			}
			tops = append(tops, x.Path)
			r := DigestRate{PeriodName: p.Name, Instrument: instrument, UnitName: x.UnitName, Total: x.Total, K: p.MinGroup,
				Shown: budaya.ParticipationShown(int64(x.Total), p.MinGroup)}
			if r.Shown {
				r.Completed = x.Completed
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// Digest is the message of digest d to its leader.
func (c Composer) Digest(d *Digest) (store.NewMail, error) {
	to := d.Leader.Recipient
	lang := to.Language
	var details []string
	if d.Overdue > 0 {
		details = append(details, tr(lang, "digest.overdue", d.Overdue))
	}
	if d.Reports > 0 {
		details = append(details, tr(lang, "digest.reports", d.Reports))
	}
	for _, r := range d.Rates {
		inst := tr(lang, "instrument."+r.Instrument)
		if r.Shown {
			pct := budaya.FormatNumber(lang, float64(r.Completed)*100/float64(r.Total), 1)
			details = append(details, tr(lang, "digest.rate", r.PeriodName, inst+" "+r.UnitName, r.Completed, r.Total, pct))
		} else {
			details = append(details, tr(lang, "digest.rate_hidden", r.PeriodName, inst+" "+r.UnitName, r.Total, r.K))
		}
	}
	var lines []line
	for _, cm := range d.OverdueItems {
		lines = append(lines, line{Text: cm.Title, URL: c.url(fmt.Sprintf("/commitments/%d", cm.ID))})
	}
	if d.Overdue > 0 {
		lines = append(lines, line{Text: tr(lang, "digest.overdue", d.Overdue), URL: c.url("/commitments?overdue=1")})
	}
	if d.Reports > 0 {
		lines = append(lines, line{Text: tr(lang, "digest.reports", d.Reports), URL: c.url("/agents")})
	}
	for _, p := range d.NewFigures {
		lines = append(lines, line{Text: tr(lang, "digest.figures", p.Name), URL: c.url(fmt.Sprintf("/index?period=%d", p.ID))})
	}
	footer := tr(lang, "digest.optout", c.url("/profile")) + "\n" + tr(lang, "footer")
	m, err := c.render(to.Email, to.Name, tr(lang, "digest.subject", c.day(d.Week, lang)), composed{
		Lang: lang, Greeting: tr(lang, "greeting", to.Name), Intro: tr(lang, "digest.intro"), Details: details, Lines: lines,
		Anonymous: tr(lang, "digest.anonymous"), Footer: footer,
	})
	m.Kind = store.MailDigest
	return m, err
}
