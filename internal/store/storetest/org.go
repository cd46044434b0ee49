package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Org is a small organisation made for a test: a root unit led by Head, and
// child units each led by a leader (supervised by Head) with staff supervised
// by their leader.
type Org struct {
	Root    int64
	Head    int64
	Units   []int64   // the child units
	Leaders []int64   // leader of Units[i]
	Staff   [][]int64 // staff of Units[i], leader excluded
}

// NIP returns a valid, distinct NIP for every i >= 0.
func NIP(i int) string {
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/999)
	return fmt.Sprintf("%s200001%d%03d", birth.Format("20060102"), 1+i%2, i%999+1)
}

// MakeOrg creates an organisation of units child units with perUnit staff each
// (plus their leaders and the head), in one transaction.
func MakeOrg(tb testing.TB, db *store.DB, units, perUnit int) *Org {
	tb.Helper()
	o := &Org{}
	n := 0
	next := func() string { n++; return NIP(n) }
	err := db.WriteOrg(context.Background(), budaya.SystemActor("test"), func(w *store.OrgWriter) error {
		root, err := w.CreateUnit(budaya.Unit{Code: "ROOT", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
		if err != nil {
			return err
		}
		o.Root = root.ID
		ids, err := w.CreateEmployees([]budaya.Employee{{NIP: next(), Name: "Kepala", UnitID: root.ID, Position: "Sekretaris Jenderal"}})
		if err != nil {
			return err
		}
		o.Head = ids[0]
		for i := 0; i < units; i++ {
			u, err := w.CreateUnit(budaya.Unit{Code: fmt.Sprintf("U%03d", i+1), Name: fmt.Sprintf("Biro %d", i+1), Level: budaya.LevelEselon2, ParentID: root.ID})
			if err != nil {
				return err
			}
			o.Units = append(o.Units, u.ID)
			ids, err := w.CreateEmployees([]budaya.Employee{{NIP: next(), Name: fmt.Sprintf("Kepala Biro %d", i+1), UnitID: u.ID, SupervisorID: o.Head, Position: "Kepala Biro"}})
			if err != nil {
				return err
			}
			o.Leaders = append(o.Leaders, ids[0])
			staff := make([]budaya.Employee, perUnit)
			for j := range staff {
				staff[j] = budaya.Employee{NIP: next(), Name: fmt.Sprintf("Pegawai %d-%d", i+1, j+1), UnitID: u.ID, SupervisorID: ids[0], Position: "Analis"}
			}
			sids, err := w.CreateEmployees(staff)
			if err != nil {
				return err
			}
			o.Staff = append(o.Staff, sids)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("make org: %v", err)
	}
	return o
}

// MakeOrgUnder adds a unit under parent with a leader and n staff, and returns its id.
func MakeOrgUnder(tb testing.TB, db *store.DB, parent int64, code string, n int) int64 {
	tb.Helper()
	var id int64
	err := db.WriteOrg(context.Background(), budaya.SystemActor("test"), func(w *store.OrgWriter) error {
		u, err := w.CreateUnit(budaya.Unit{Code: code, Name: "Unit " + code, Level: budaya.LevelEselon2, ParentID: parent})
		if err != nil {
			return err
		}
		id = u.ID
		staff := []budaya.Employee{{NIP: NIP(900000), Name: "Kepala " + code, UnitID: id, Position: "Kepala"}}
		for i := 0; i < n; i++ {
			staff = append(staff, budaya.Employee{NIP: NIP(900001 + i), Name: fmt.Sprintf("Staf %s %d", code, i+1), UnitID: id, Position: "Analis"})
		}
		_, err = w.CreateEmployees(staff)
		return err
	})
	if err != nil {
		tb.Fatalf("make unit %s: %v", code, err)
	}
	return id
}
