package web

import (
	"net/http"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// errIndexOutOfScope is what a leader gets for another part of the tree.
func errIndexOutOfScope() error {
	return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgMayOpenIndexOnlyUnits)
}

// authorizeIndexCut limits the cut to the part of the tree the user may open.
// Admins and auditors see every unit. A pimpinan sees the subtrees of the
// units they lead, in the period's snapshot (and as the tree stands today),
// and lands on the first of them when no unit is asked for; the comparison
// figures of the dashboard (parent unit, national) stay on it, but another
// unit's dashboard, heatmap, export or report is refused. indexCutOf calls
// it last, so every index route goes through it.
func (s *Server) authorizeIndexCut(r *http.Request, c *indexCut) error {
	snapshot := make(map[int64]string, len(c.byID))
	for id, su := range c.byID {
		snapshot[id] = su.Path
	}
	rd := readerFrom(r.Context())
	sc := rd.ScopeIn(snapshot)
	c.access = sc
	for _, su := range c.Units {
		if rd.Leads(su.ID) {
			c.Led = append(c.Led, su)
		}
	}
	if sc.All {
		return nil
	}
	if len(sc.Paths) == 0 {
		return errNoUnitsLed
	}
	if r.URL.Query().Get("unit") == "" {
		for i := range c.Units {
			if sc.Contains(c.Units[i].Path) {
				c.Unit = &c.Units[i]
				break
			}
		}
		if c.Unit == nil {
			return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgUnitsLeadNotPart, c.Period.Name)
		}
		if r.URL.Query().Get("scope") == "own" {
			c.Scope = index.Own
		}
	}
	if c.Unit == nil || !sc.Contains(c.Unit.Path) {
		return errIndexOutOfScope()
	}
	return nil
}

// CanView reports whether the user may open the dashboard of unit id (0: the
// instansi), so that pages link only what opens.
func (c *indexCut) CanView(id int64) bool {
	if c.access.All {
		return true
	}
	u := c.byID[id]
	return u != nil && c.access.Contains(u.Path)
}

// answerCut is the cut of the answer export (store.AnswerCut): all rows for
// the instansi, the rows shown under the unit's subtree, or only the unit's
// own (not pooled) rows for its own staff.
func (c *indexCut) answerCut() store.AnswerCut {
	if c.Unit == nil {
		return store.AnswerCut{}
	}
	return store.AnswerCut{UnitID: c.Unit.ID, Own: c.Scope == index.Own}
}
