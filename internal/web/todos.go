package web

import (
	"net/http"
	"strconv"

	"github.com/budaya-id/budaya/internal/budaya"
)

// todo is one thing waiting for the signed-in person, with the page to do it on.
type todo struct {
	Text, Href string
	Urgent     bool
}

// todosFor lists what waits for the user of r, by role: a pegawai their
// open tasks and the due date, a pimpinan the Leader Alignment Sessions they
// are invited to and have not signed, the reports to decide and the
// commitments overdue, an agen the month's report and returned ones, an
// admin failed mail, periods ending and jobs that failed.
func (s *Server) todosFor(r *http.Request, p page) ([]todo, error) {
	ctx := r.Context()
	u := userFrom(ctx)
	sc := readerFrom(ctx).Scope()
	now := s.localNow()
	t, err := s.db.TodosFor(ctx, u, sc, now)
	if err != nil {
		return nil, err
	}
	var out []todo
	if t.OpenTasks > 0 {
		out = append(out, todo{Text: p.T("todo.tasks", t.OpenTasks, p.Date(t.NextDue)), Href: "/tasks", Urgent: t.NextDue.Sub(now).Hours() < 72})
	}
	if t.Invitations > 0 {
		out = append(out, todo{Text: p.T("todo.invitations", t.Invitations, p.Time(t.NextInvitation)), Href: "/alignment",
			Urgent: t.NextInvitation.Sub(now).Hours() < 48})
	}
	if t.ReportsToDecide > 0 {
		out = append(out, todo{Text: p.T("todo.reports", t.ReportsToDecide), Href: "/agents"})
	}
	if u.HasRole(budaya.RolePimpinan) || u.HasRole(budaya.RoleAdmin) {
		_, overdue, err := s.db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: sc, Overdue: true, Today: now, PerPage: 1})
		if err != nil {
			return nil, err
		}
		if overdue > 0 {
			out = append(out, todo{Text: p.T("todo.commitments", overdue), Href: "/commitments?overdue=1", Urgent: true})
		}
	}
	if t.MonthReportDue {
		out = append(out, todo{Text: p.T("todo.month_report"), Href: "/agents"})
	}
	if t.ReturnedReports > 0 {
		out = append(out, todo{Text: p.T("todo.returned", t.ReturnedReports), Href: "/agents"})
	}
	if t.FailedMail > 0 {
		out = append(out, todo{Text: p.T("todo.mail", t.FailedMail), Href: "/admin/mail?status=failed", Urgent: true})
	}
	if t.PeriodsEnding > 0 {
		out = append(out, todo{Text: p.T("todo.periods", t.PeriodsEnding), Href: "/periods"})
	}
	if t.FailedJobs > 0 {
		out = append(out, todo{Text: p.T("todo.jobs", t.FailedJobs), Href: "/jobs/" + strconv.FormatInt(t.LastFailedJob, 10), Urgent: true})
	}
	return out, nil
}
