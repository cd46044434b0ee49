package web

import (
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// treeFullLimit is the number of units up to which the tree page shows every
// level; a larger instansi shows three levels and links to the unit pages.
const treeFullLimit = 600

// unitNode is a unit in the tree page with its staff (the whole subtree).
type unitNode struct {
	budaya.Unit
	Staff    int
	Label    string // "N pegawai", translated
	Children []*unitNode
	Hidden   int    // sub-units not shown at this depth
	More     string // "7 sub-unit lagi", translated
	Open     bool
	Sub      string // "3 sub-unit", the label of the toggle that shows the children

}

type unitTreePage struct {
	page
	Query   string
	Roots   []*unitNode
	Results []unitRow
	Total   int
	Pager   pager
}

type unitRow struct {
	budaya.Unit
	Trail string // "Sekretariat Jenderal › Biro ..."
}

// orgTree loads the open units and staff counts and builds the tree.
func (s *Server) orgTree(r *http.Request, lang string) ([]*unitNode, map[int64]*unitNode, error) {
	units, _, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{})
	if err != nil {
		return nil, nil, err
	}
	counts, err := s.db.StaffCounts(r.Context(), nil)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[int64]*unitNode, len(units))
	for _, u := range units {
		byID[u.ID] = &unitNode{Unit: u, Staff: counts[u.ID]}
	}
	// Deepest first, so that every unit adds a complete subtree to its parent.
	sort.SliceStable(units, func(i, j int) bool { return units[i].Depth > units[j].Depth })
	var roots []*unitNode
	for _, u := range units {
		n := byID[u.ID]
		if p, ok := byID[u.ParentID]; ok {
			p.Staff += n.Staff
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	for _, n := range byID {
		// Creation order: how the instansi lays out its own structure (Setjen first, ...).
		sort.Slice(n.Children, func(i, j int) bool { return n.Children[i].ID < n.Children[j].ID })
		n.Label = translate(lang, "units.staff_n", budaya.FormatNumber(lang, float64(n.Staff), 0))
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].ID < roots[j].ID })
	return roots, byID, nil
}

func (s *Server) handleUnitTree(w http.ResponseWriter, r *http.Request) {
	p := unitTreePage{page: s.newPage(r, "units.title"), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if p.Query != "" {
		page := queryPage(r)
		units, total, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{Query: p.Query, Page: page, PerPage: 50})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		trails, err := s.unitTrails(r, units)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, u := range units {
			p.Results = append(p.Results, unitRow{Unit: u, Trail: trails[u.ID]})
		}
		q := r.URL.Query()
		q.Del("page")
		p.Total, p.Pager = total, pager{Page: page, PerPage: 50, Total: total, Query: q.Encode()}
	} else {
		roots, byID, err := s.orgTree(r, p.Lang)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		p.Roots, p.Total = roots, len(byID)
		limit := 99
		if len(byID) > treeFullLimit {
			limit = 2
		}
		for _, n := range byID {
			n.Open = n.Depth < 1
			if n.Depth >= limit && len(n.Children) > 0 {
				n.Hidden, n.Children = len(n.Children), nil
				n.More = translate(p.Lang, "units.more", n.Hidden)
			}
			n.Sub = translate(p.Lang, "units.subunits", len(n.Children))
		}
	}
	if r.Header.Get("HX-Request") != "" {
		s.renderBlock(w, r, http.StatusOK, "units", "unit-results", p)
		return
	}
	s.render(w, r, http.StatusOK, "units", p)
}

// unitTrails returns, for each unit, the names of the units above it.
func (s *Server) unitTrails(r *http.Request, units []budaya.Unit) (map[int64]string, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, u := range units {
		for _, id := range pathIDs(u.Path) {
			if id != u.ID && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	above, err := s.db.FindUnits(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, u := range units {
		var names []string
		for _, id := range pathIDs(u.Path) {
			if a, ok := above[id]; ok && id != u.ID {
				names = append(names, a.Name)
			}
		}
		out[u.ID] = strings.Join(names, " › ")
	}
	return out, nil
}

func pathIDs(path string) []int64 {
	var out []int64
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

type unitChild struct {
	budaya.Unit
	Staff int
}

type unitForm struct {
	Code, Name, Level, Leader, Parent string
}

type unitPage struct {
	page
	Unit        *budaya.Unit
	Ancestors   []budaya.Unit
	Leader      *budaya.Employee
	Pimpinan    []budaya.Employee
	Agents      []budaya.Employee
	Children    []unitChild
	Direct      int
	Subtree     int
	Levels      []string
	Form        unitForm
	CanSeeStaff bool
	Culture     *unitCulture // roadmap and checklist figures (roadmap.go)
	// Linked are the people named on the page whose employee page the viewer
	// may open: the others are named without a link that would answer 404.
	Linked map[int64]bool
}

// LeaderWithoutGrant reports whether the unit names a leader who holds no
// pimpinan grant for it: the name is shown, but rights come from the grant
// alone (docs/architecture.md, "Access model"), so admins are told.
func (p unitPage) LeaderWithoutGrant() bool {
	return p.Leader != nil && !slices.ContainsFunc(p.Pimpinan, func(e budaya.Employee) bool { return e.ID == p.Leader.ID })
}

func (s *Server) unitPageData(r *http.Request, id int64) (unitPage, error) {
	ctx := r.Context()
	p := unitPage{page: s.newPage(r, "unit.title"), Levels: budaya.UnitLevels}
	u, err := s.db.FindUnit(ctx, id)
	if err != nil {
		return p, err
	}
	p.Unit = u
	if p.Ancestors, err = s.db.UnitAncestors(ctx, u); err != nil {
		return p, err
	}
	if u.LeaderEmployeeID != 0 {
		if p.Leader, err = s.db.FindEmployee(ctx, u.LeaderEmployeeID); err != nil {
			return p, err
		}
	}
	if p.Pimpinan, err = s.db.UnitRoleHolders(ctx, id, budaya.RolePimpinan); err != nil {
		return p, err
	}
	if p.Agents, err = s.db.UnitRoleHolders(ctx, id, budaya.RoleAgenPerubahan); err != nil {
		return p, err
	}
	p.Linked = map[int64]bool{}
	named := append(append([]budaya.Employee{}, p.Pimpinan...), p.Agents...)
	if p.Leader != nil {
		named = append(named, *p.Leader)
	}
	for _, e := range named {
		if _, _, err := s.visibleEmployee(r, e.ID); err == nil {
			p.Linked[e.ID] = true
		} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return p, err
		}
	}
	if p.Direct, p.Subtree, err = s.db.UnitStaffCount(ctx, u); err != nil {
		return p, err
	}
	if p.Culture, err = s.unitCulture(r, p.page, u); err != nil {
		return p, err
	}
	below, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{UnderID: id, IncludeClosed: true})
	if err != nil {
		return p, err
	}
	counts, err := s.db.StaffCounts(ctx, u)
	if err != nil {
		return p, err
	}
	for _, c := range below {
		if c.ParentID != id {
			continue
		}
		n := 0
		for _, d := range below {
			if strings.HasPrefix(d.Path, c.Path) {
				n += counts[d.ID]
			}
		}
		p.Children = append(p.Children, unitChild{Unit: c, Staff: n})
	}
	p.CanSeeStaff = budaya.MaySeeUnit(readerFrom(r.Context()), u.Path)
	p.Form = unitForm{Code: u.Code, Name: u.Name, Level: u.Level}
	if p.Leader != nil {
		p.Form.Leader = p.Leader.Identifier()
	}
	if len(p.Ancestors) > 0 {
		p.Form.Parent = p.Ancestors[len(p.Ancestors)-1].Code
	}
	return p, nil
}

func (s *Server) handleUnitPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.unitPageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "unit", p)
}

// unitFormError shows the unit page again with the admin's input and what to fix.
func (s *Server) unitFormError(w http.ResponseWriter, r *http.Request, id int64, f unitForm, err error) {
	e := budaya.AsError(err)
	if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT) {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.unitPageData(r, id)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Error = e.Text(p.Lang)
	if f != (unitForm{}) {
		p.Form = f
	}
	s.render(w, r, http.StatusUnprocessableEntity, "unit", p)
}

func unitFormOf(r *http.Request) unitForm {
	return unitForm{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Level: r.PostFormValue("level"),
		Leader: strings.TrimSpace(r.PostFormValue("leader")), Parent: strings.TrimSpace(r.PostFormValue("parent"))}
}

// resolveUnitCode turns a unit code typed in a form into its id (0 for empty).
func (s *Server) resolveUnitCode(r *http.Request, field, code string) (int64, error) {
	if code == "" {
		return 0, nil
	}
	u, err := s.db.FindUnitByCode(r.Context(), code)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return 0, budaya.Invalid(field, budaya.MsgNoUnitCode, code)
	}
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// resolveEmployee turns a NIP or other identifier typed in a form into an employee id (0 for empty).
func (s *Server) resolveEmployee(r *http.Request, field, ident string) (int64, error) {
	if ident == "" {
		return 0, nil
	}
	e, err := s.db.FindEmployeeByIdentifier(r.Context(), ident)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return 0, budaya.Invalid(field, budaya.MsgNoEmployeeNIPIdentifier, ident)
	}
	if err != nil {
		return 0, err
	}
	return e.ID, nil
}

type unitNewPage struct {
	page
	Form   unitForm
	Levels []string
}

func (s *Server) handleUnitNew(w http.ResponseWriter, r *http.Request) {
	p := unitNewPage{page: s.newPage(r, "unit.new_title"), Levels: budaya.UnitLevels, Form: unitForm{Level: budaya.LevelEselon2}}
	if id, err := strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64); err == nil {
		if parent, err := s.db.FindUnit(r.Context(), id); err == nil {
			p.Form.Parent = parent.Code
			if i := budaya.LevelRank(parent.Level); i >= 0 && i+1 < len(budaya.UnitLevels) {
				p.Form.Level = budaya.UnitLevels[i+1]
			}
		}
	}
	s.render(w, r, http.StatusOK, "unit_new", p)
}

func (s *Server) handleUnitCreate(w http.ResponseWriter, r *http.Request) {
	f := unitFormOf(r)
	u, err := func() (*budaya.Unit, error) {
		parentID, err := s.resolveUnitCode(r, "parent", f.Parent)
		if err != nil {
			return nil, err
		}
		leaderID, err := s.resolveEmployee(r, "leader", f.Leader)
		if err != nil {
			return nil, err
		}
		return s.db.CreateUnit(r.Context(), actor(r), budaya.Unit{Code: f.Code, Name: f.Name, Level: f.Level, ParentID: parentID, LeaderEmployeeID: leaderID})
	}()
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		p := unitNewPage{page: s.newPage(r, "unit.new_title"), Levels: budaya.UnitLevels, Form: f}
		p.Error = e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "unit_new", p)
		return
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(u.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleUnitUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := unitFormOf(r)
	err = func() error {
		leaderID, err := s.resolveEmployee(r, "leader", f.Leader)
		if err != nil {
			return err
		}
		_, err = s.db.UpdateUnit(r.Context(), actor(r), id, store.UnitUpdate{Code: f.Code, Name: f.Name, Level: f.Level, LeaderEmployeeID: leaderID})
		return err
	}()
	if err != nil {
		s.unitFormError(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleUnitMove(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	parent := strings.TrimSpace(r.PostFormValue("parent"))
	err = func() error {
		parentID, err := s.resolveUnitCode(r, "parent", parent)
		if err != nil {
			return err
		}
		_, err = s.db.MoveUnit(r.Context(), actor(r), id, parentID)
		return err
	}()
	if err != nil {
		s.unitFormError(w, r, id, unitForm{}, err)
		return
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?msg=moved", http.StatusSeeOther)
}

func (s *Server) handleUnitClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.CloseUnit(r.Context(), actor(r), id); err != nil {
		s.unitFormError(w, r, id, unitForm{}, err)
		return
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?msg=closed", http.StatusSeeOther)
}

func (s *Server) handleUnitReopen(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.ReopenUnit(r.Context(), actor(r), id); err != nil {
		s.unitFormError(w, r, id, unitForm{}, err)
		return
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}
