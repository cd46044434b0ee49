package store_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

var sys = budaya.SystemActor("test")

func mustUnit(t *testing.T, db *store.DB, code, level string, parent int64) *budaya.Unit {
	t.Helper()
	u, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: code, Name: "Unit " + code, Level: level, ParentID: parent})
	if err != nil {
		t.Fatalf("create unit %s: %v", code, err)
	}
	return u
}

func mustEmployee(t *testing.T, db *store.DB, nip, name string, unit, supervisor int64) *budaya.Employee {
	t.Helper()
	e, err := db.CreateEmployee(ctx, sys, budaya.Employee{NIP: nip, Name: name, UnitID: unit, SupervisorID: supervisor, Position: "Analis"})
	if err != nil {
		t.Fatalf("create employee %s: %v", name, err)
	}
	return e
}

func TestUnitTreeCreateMoveClose(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	biro := mustUnit(t, db, "SJ.01", budaya.LevelEselon2, sj.ID)
	bag := mustUnit(t, db, "SJ.01.01", budaya.LevelEselon3, biro.ID)
	sub := mustUnit(t, db, "SJ.01.01.01", budaya.LevelEselon4, bag.ID)
	itjen := mustUnit(t, db, "IJ", budaya.LevelEselon1, 0)

	if want := "/" + itoa(sj.ID) + "/" + itoa(biro.ID) + "/" + itoa(bag.ID) + "/" + itoa(sub.ID) + "/"; sub.Path != want || sub.Depth != 3 {
		t.Fatalf("sub path %q depth %d, want %q depth 3", sub.Path, sub.Depth, want)
	}

	// Refusals: bad level under parent, duplicate code, cycle, closed parent.
	if _, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: "X", Name: "X", Level: budaya.LevelEselon1, ParentID: biro.ID}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("eselon1 under eselon2: got %v, want invalid", err)
	}
	if _, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: "sj.01", Name: "Dup", Level: budaya.LevelEselon2, ParentID: sj.ID}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("duplicate code: got %v, want invalid", err)
	}
	if _, err := db.MoveUnit(ctx, sys, biro.ID, sub.ID); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("move below own sub-unit: got %v, want invalid", err)
	}

	// Move the biro (with its subtree) under Itjen: every path below is rewritten.
	moved, err := db.MoveUnit(ctx, sys, biro.ID, itjen.ID)
	if err != nil {
		t.Fatal(err)
	}
	if moved.ParentID != itjen.ID || moved.Depth != 1 {
		t.Errorf("moved parent %d depth %d, want %d depth 1", moved.ParentID, moved.Depth, itjen.ID)
	}
	sub2, err := db.FindUnit(ctx, sub.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := itjen.Path + itoa(biro.ID) + "/" + itoa(bag.ID) + "/" + itoa(sub.ID) + "/"; sub2.Path != want || sub2.Depth != 3 {
		t.Errorf("after move sub path %q depth %d, want %q depth 3", sub2.Path, sub2.Depth, want)
	}
	under, total, err := db.ListUnits(ctx, budaya.UnitFilter{UnderID: itjen.ID})
	if err != nil || total != 4 || len(under) != 4 {
		t.Errorf("units under itjen: got %d (%v), want 4", total, err)
	}
	under, _, _ = db.ListUnits(ctx, budaya.UnitFilter{UnderID: sj.ID})
	if len(under) != 1 {
		t.Errorf("units under sj after move: got %d, want 1", len(under))
	}

	// Closing with staff is refused and names where the staff are.
	e := mustEmployee(t, db, "198503152010012003", "Siti Aminah", sub.ID, 0)
	err = db.CloseUnit(ctx, sys, biro.ID)
	if budaya.ErrorCode(err) != budaya.ECONFLICT || !strings.Contains(err.Error(), "SJ.01.01.01") || !strings.Contains(budaya.AsError(err).Message, "1 pegawai aktif") {
		t.Fatalf("close with staff: got %v, want a conflict naming SJ.01.01.01", err)
	}
	e.Active = false
	if _, err := db.UpdateEmployee(ctx, sys, e.ID, *e); err != nil {
		t.Fatal(err)
	}
	if err := db.CloseUnit(ctx, sys, biro.ID); err != nil {
		t.Fatalf("close without active staff: %v", err)
	}
	closedSub, _ := db.FindUnit(ctx, sub.ID)
	if !closedSub.Closed() {
		t.Error("sub-unit not closed with its parent")
	}
	if _, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: "NEW", Name: "New", Level: budaya.LevelEselon3, ParentID: biro.ID}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("create under closed unit: got %v, want invalid", err)
	}
	open, _, _ := db.ListUnits(ctx, budaya.UnitFilter{})
	if len(open) != 2 {
		t.Errorf("open units: got %d, want 2", len(open))
	}
	if err := db.ReopenUnit(ctx, sys, biro.ID); err != nil {
		t.Errorf("reopen: %v", err)
	}

	entries, _, err := db.ListAudit(ctx, budaya.AuditFilter{Entity: "unit"})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, a := range entries {
		actions[a.Action]++
	}
	if actions["create"] != 5 || actions["move"] != 1 || actions["close"] != 1 || actions["reopen"] != 1 {
		t.Errorf("unit audit actions: got %v, want 5 create, 1 move, 1 close, 1 reopen", actions)
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestUpdateUnitRenameLeaderAndSearch(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	biro := mustUnit(t, db, "SJ.02", budaya.LevelEselon2, sj.ID)
	boss := mustEmployee(t, db, "197001011995031001", "Bambang Sutrisno", biro.ID, 0)
	u, err := db.UpdateUnit(ctx, sys, biro.ID, store.UnitUpdate{Code: "sj.02", Name: "  Biro  Organisasi dan Tata Laksana ", Level: budaya.LevelEselon2, LeaderEmployeeID: boss.ID})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Biro Organisasi dan Tata Laksana" || u.LeaderEmployeeID != boss.ID || u.Code != "SJ.02" {
		t.Errorf("updated unit: got %+v", u)
	}
	if _, err := db.UpdateUnit(ctx, sys, sj.ID, store.UnitUpdate{Code: "SJ", Name: "SJ", Level: budaya.LevelEselon3}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("level below its child's level: got %v, want invalid", err)
	}
	tests := []struct {
		q    string
		want int
	}{{"organisasi", 1}, {"sj", 2}, {"SJ.02", 1}, {"tidak ada", 0}, {"%", 0}}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			_, total, err := db.ListUnits(ctx, budaya.UnitFilter{Query: tt.q})
			if err != nil || total != tt.want {
				t.Errorf("search %q: got %d (%v), want %d", tt.q, total, err, tt.want)
			}
		})
	}
	direct, subtree, err := db.UnitStaffCount(ctx, sj)
	if err != nil || direct != 0 || subtree != 1 {
		t.Errorf("staff of SJ: got direct %d subtree %d (%v), want 0 and 1", direct, subtree, err)
	}
}

func TestEmployeesValidateListAndSupervisorLoops(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	biro := mustUnit(t, db, "SJ.01", budaya.LevelEselon2, sj.ID)
	other := mustUnit(t, db, "IJ", budaya.LevelEselon1, 0)
	a := mustEmployee(t, db, "197001011995031001", "Bambang Sutrisno", sj.ID, 0)
	b := mustEmployee(t, db, "198503152010012003", "Siti Aminah", biro.ID, a.ID)
	c := mustEmployee(t, db, "199001012015031002", "Andi Wijaya", biro.ID, b.ID)
	mustEmployee(t, db, "199202022018012001", "Dewi Lestari", other.ID, 0)
	if _, err := db.CreateEmployee(ctx, sys, budaya.Employee{OtherID: "PPNPN-001", Status: budaya.StatusLainnya, Name: "Joko", UnitID: biro.ID}); err != nil {
		t.Fatalf("non-PNS with other id: %v", err)
	}

	bad := []struct {
		name string
		e    budaya.Employee
	}{
		{"bad nip date", budaya.Employee{NIP: "198502302010011003", Name: "X", UnitID: sj.ID}},
		{"duplicate nip", budaya.Employee{NIP: "1985 0315 2010 01 2 003", Name: "X", UnitID: sj.ID}},
		{"no identifier", budaya.Employee{Name: "X", UnitID: sj.ID, Status: budaya.StatusLainnya}},
		{"pns without nip", budaya.Employee{OtherID: "A1", Name: "X", UnitID: sj.ID}},
		{"unknown unit", budaya.Employee{NIP: "199303032019032001", Name: "X", UnitID: 9999}},
		{"unknown supervisor", budaya.Employee{NIP: "199303032019032001", Name: "X", UnitID: sj.ID, SupervisorID: 9999}},
		{"bad rank", budaya.Employee{NIP: "199303032019032001", Name: "X", UnitID: sj.ID, Rank: "V/a"}},
		{"bad email", budaya.Employee{NIP: "199303032019032001", Name: "X", UnitID: sj.ID, Email: "x@"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := db.CreateEmployee(ctx, sys, tt.e); budaya.ErrorCode(err) != budaya.EINVALID {
				t.Errorf("got %v, want invalid", err)
			}
		})
	}

	// a -> b -> c is the chain; making c the supervisor of a closes a loop.
	a.SupervisorID = c.ID
	if _, err := db.UpdateEmployee(ctx, sys, a.ID, *a); budaya.ErrorCode(err) != budaya.EINVALID || !strings.Contains(err.Error(), "loop") {
		t.Errorf("supervisor loop: got %v, want invalid loop", err)
	}

	lists := []struct {
		name string
		f    budaya.EmployeeFilter
		want int
	}{
		{"all", budaya.EmployeeFilter{}, 5},
		{"unit only", budaya.EmployeeFilter{UnitID: sj.ID}, 1},
		{"subtree", budaya.EmployeeFilter{UnitID: sj.ID, Subtree: true}, 4},
		{"name", budaya.EmployeeFilter{Query: "aminah"}, 1},
		{"nip prefix", budaya.EmployeeFilter{Query: "1985 0315"}, 1},
		{"other id", budaya.EmployeeFilter{Query: "PPNPN-001"}, 1},
		{"subtree and name", budaya.EmployeeFilter{UnitID: sj.ID, Subtree: true, Query: "dewi"}, 0},
		{"supervisor", budaya.EmployeeFilter{SupervisorID: b.ID}, 1},
	}
	for _, tt := range lists {
		t.Run(tt.name, func(t *testing.T) {
			items, total, err := db.ListEmployees(ctx, tt.f)
			if err != nil || total != tt.want || len(items) != tt.want {
				t.Errorf("got %d items, total %d (%v), want %d", len(items), total, err, tt.want)
			}
		})
	}
	page2, total, err := db.ListEmployees(ctx, budaya.EmployeeFilter{Page: 2, PerPage: 2})
	if err != nil || total != 5 || len(page2) != 2 || page2[0].Name != "Dewi Lestari" {
		t.Errorf("page 2 of 2: got %d items (%v), total %d, want 2 starting with Dewi", len(page2), err, total)
	}
}

func TestWriteOrgBatchIsAllOrNothing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	var unitID int64
	err := db.WriteOrg(ctx, sys, func(w *store.OrgWriter) error {
		u, err := w.CreateUnit(budaya.Unit{Code: "SJ", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
		if err != nil {
			return err
		}
		unitID = u.ID
		var es []budaya.Employee
		for i := 0; i < 900; i++ {
			es = append(es, budaya.Employee{NIP: nipFor(i), Name: "Pegawai " + strconv.Itoa(i), UnitID: u.ID})
		}
		ids, err := w.CreateEmployees(es)
		if err != nil {
			return err
		}
		if len(ids) != 900 {
			t.Errorf("ids: got %d, want 900", len(ids))
		}
		if err := w.SetUnitLeader(u.ID, ids[0]); err != nil {
			return err
		}
		for _, id := range ids[1:3] {
			if err := w.SetSupervisor(id, ids[0]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, total, _ := db.ListEmployees(ctx, budaya.EmployeeFilter{UnitID: unitID})
	if total != 900 {
		t.Errorf("employees after batch: got %d, want 900", total)
	}
	e, err := db.FindEmployeeByIdentifier(ctx, nipFor(2))
	if err != nil || e.SupervisorID == 0 {
		t.Errorf("supervisor of third: got %v (%v), want set", e, err)
	}

	err = db.WriteOrg(ctx, sys, func(w *store.OrgWriter) error {
		if _, err := w.CreateUnit(budaya.Unit{Code: "IJ", Name: "Inspektorat Jenderal", Level: budaya.LevelEselon1}); err != nil {
			return err
		}
		_, err := w.CreateEmployees([]budaya.Employee{{NIP: nipFor(5), Name: "Duplikat", UnitID: unitID}})
		return err
	})
	if budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("batch with a taken NIP: got %v, want invalid", err)
	}
	if _, err := db.FindUnitByCode(ctx, "IJ"); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("unit of failed batch: got %v, want not found (rolled back)", err)
	}
}

// nipFor returns a valid NIP unique for i (i < 999); sequences start at 001.
func nipFor(i int) string {
	i++
	return "19800101" + "200501" + "1" + string([]byte{byte('0' + i/100%10), byte('0' + i/10%10), byte('0' + i%10)})
}
