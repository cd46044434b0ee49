package budaya

import (
	"cmp"
	"slices"
)

// BudgetRow is the money of one group (a unit, a value, a programme) in a fiscal year.
type BudgetRow struct {
	Key        string // unit code, value code or programme code; "" for "no value"
	Label      string
	Ceiling    int64
	Realised   int64
	Activities int
	Over       bool // some line of the group is realised above its ceiling
}

// Absorption is realised over ceiling in percent (penyerapan); 0 when there is no ceiling.
func (r BudgetRow) Absorption() float64 {
	if r.Ceiling == 0 {
		return 0
	}
	return float64(r.Realised) / float64(r.Ceiling) * 100
}

// BudgetSummary is the budget of a fiscal year by unit, value and programme.
//
// Allocation rule for values: an activity that serves several values counts
// its full amount under each of them, because each value is fully served by
// the activity and splitting rupiah would invent fractions nobody budgeted.
// The rows by value therefore add up to more than the total when activities
// serve several values; Total, counted once per line, is the figure that
// reconciles with the budget. Activities serving no value are grouped in a
// row with an empty Key.
type BudgetSummary struct {
	Year        int
	Total       BudgetRow
	ByUnit      []BudgetRow
	ByValue     []BudgetRow
	ByProgramme []BudgetRow
}

// SummariseBudget adds up the budget lines of year over activities. valueNames
// maps value codes to the names shown.
func SummariseBudget(year int, activities []Activity, valueNames map[string]string) BudgetSummary {
	s := BudgetSummary{Year: year, Total: BudgetRow{Key: "total"}}
	units, values, progs := map[string]*BudgetRow{}, map[string]*BudgetRow{}, map[string]*BudgetRow{}
	add := func(m map[string]*BudgetRow, key, label string, ceiling, realised int64, over bool) {
		r := m[key]
		if r == nil {
			r = &BudgetRow{Key: key, Label: label}
			m[key] = r
		}
		r.Ceiling += ceiling
		r.Realised += realised
		r.Activities++
		r.Over = r.Over || over
	}
	for _, a := range activities {
		var ceiling, realised int64
		over, has := false, false
		for _, l := range a.Budget {
			if l.FiscalYear != year {
				continue
			}
			has = true
			ceiling += l.Ceiling
			realised += l.Realised
			over = over || l.OverCeiling()
		}
		if !has {
			continue
		}
		s.Total.Ceiling += ceiling
		s.Total.Realised += realised
		s.Total.Activities++
		s.Total.Over = s.Total.Over || over
		add(units, a.OwnerUnitCode, a.OwnerUnitName, ceiling, realised, over)
		add(progs, a.ProgrammeCode, a.ProgrammeName, ceiling, realised, over)
		if len(a.ValueCodes) == 0 {
			add(values, "", "", ceiling, realised, over)
		}
		for _, c := range a.ValueCodes {
			add(values, c, valueNames[c], ceiling, realised, over)
		}
	}
	s.ByUnit, s.ByValue, s.ByProgramme = sortedRows(units), sortedRows(values), sortedRows(progs)
	return s
}

func sortedRows(m map[string]*BudgetRow) []BudgetRow {
	out := make([]BudgetRow, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	// The "no value" row (empty key) goes last.
	slices.SortFunc(out, func(a, b BudgetRow) int {
		if (a.Key == "") != (b.Key == "") {
			if a.Key == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// ProposalLine is one activity's request on one account in a budget proposal.
type ProposalLine struct {
	ActivityID    int64
	ActivityCode  string
	ActivityName  string
	ProgrammeCode string
	FundingSource string
	Amount        int64 // requested: the ceiling planned for the year
	Quarters      string
}

// ProposalGroup is a unit's request on one account code, with last year's beside it.
type ProposalGroup struct {
	UnitCode    string
	UnitName    string
	AccountCode string
	AccountName string
	Lines       []ProposalLine
	Amount      int64 // this year
	Previous    int64 // the previous year's ceiling of the same unit and account
	PrevSpent   int64 // the previous year's realised spending
}

// Change is this year's amount minus the previous year's.
func (g ProposalGroup) Change() int64 { return g.Amount - g.Previous }

// BudgetProposal is what a unit attaches to its usulan anggaran for a fiscal year:
// the planned (not cancelled) activities' requests grouped by unit and account code.
type BudgetProposal struct {
	Year     int
	Groups   []ProposalGroup
	Amount   int64
	Previous int64
}

// Change is the total change against the previous year.
func (p BudgetProposal) Change() int64 { return p.Amount - p.Previous }

// BuildProposal groups the budget lines of year (and year-1, for comparison)
// of the activities that are not cancelled. A group present only last year
// appears with an amount of 0, so that nothing silently disappears.
func BuildProposal(year int, activities []Activity) BudgetProposal {
	p := BudgetProposal{Year: year}
	groups := map[[2]string]*ProposalGroup{}
	group := func(a *Activity, account string) *ProposalGroup {
		k := [2]string{a.OwnerUnitCode, account}
		g := groups[k]
		if g == nil {
			g = &ProposalGroup{UnitCode: a.OwnerUnitCode, UnitName: a.OwnerUnitName, AccountCode: account, AccountName: AccountName(account)}
			groups[k] = g
		}
		return g
	}
	for i := range activities {
		a := &activities[i]
		if a.Status == ActivityCancelled {
			continue
		}
		for _, l := range a.Budget {
			switch l.FiscalYear {
			case year:
				g := group(a, l.AccountCode)
				g.Amount += l.Ceiling
				g.Lines = append(g.Lines, ProposalLine{ActivityID: a.ID, ActivityCode: a.Code, ActivityName: a.Name, ProgrammeCode: a.ProgrammeCode,
					FundingSource: l.FundingSource, Amount: l.Ceiling, Quarters: FormatQuarters(quartersIn(a.Quarters, year))})
				p.Amount += l.Ceiling
			case year - 1:
				g := group(a, l.AccountCode)
				g.Previous += l.Ceiling
				g.PrevSpent += l.Realised
				p.Previous += l.Ceiling
			}
		}
	}
	for _, g := range groups {
		p.Groups = append(p.Groups, *g)
	}
	slices.SortFunc(p.Groups, func(a, b ProposalGroup) int {
		return cmp.Or(cmp.Compare(a.UnitCode, b.UnitCode), cmp.Compare(a.AccountCode, b.AccountCode))
	})
	return p
}

func quartersIn(qs []Quarter, year int) []Quarter {
	var out []Quarter
	for _, q := range qs {
		if q.Year == year {
			out = append(out, q)
		}
	}
	return out
}
