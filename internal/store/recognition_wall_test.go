package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestRecognitionWallPagesByCursor: read three at a time from a cursor, the
// wall gives every recognition the viewer may see exactly once, newest
// first, in the order the counted list gives them, also where several carry
// the same time; it says when no older one remains, and shows no one else's
// private recognition.
func TestRecognitionWallPagesByCursor(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2026, 5, 4, 1, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: c.Now})
	s := newStaff(t, db, 7)
	if err := db.SetSetting(ctx, sys, budaya.SettingRecognitionDailyLimit, "20"); err != nil {
		t.Fatal(err)
	}
	for i := range 11 {
		vis := budaya.VisibilityUnit
		if i%4 == 3 {
			vis = budaya.VisibilityPrivate
		}
		if _, err := s.thank(t, 1+i%5, 1+(i+1)%5, vis); err != nil {
			t.Fatalf("recognition %d: %v", i, err)
		}
		if i%3 == 2 { // every third moves the clock: the others share a time
			c.Add(time.Minute)
		}
	}
	for _, viewer := range []int{6, 2} {
		f := budaya.RecognitionFilter{ViewerEmployeeID: s.emp[viewer].ID, PerPage: 100}
		all, total, err := db.ListRecognitions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for _, r := range all {
			want = append(want, r.ID)
		}
		f.PerPage = 3
		var got []int64
		var before store.RecognitionCursor
		for page := 0; ; page++ {
			items, more, err := db.RecognitionWall(ctx, f, before)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) > 3 || (more && len(items) != 3) {
				t.Fatalf("viewer %d, page %d: got %d items (more %v), want 3 while more remain", viewer, page, len(items), more)
			}
			for _, r := range items {
				got = append(got, r.ID)
			}
			if !more {
				break
			}
			last := items[len(items)-1]
			before = store.RecognitionCursor{At: last.CreatedAt, ID: last.ID}
			if page > 10 {
				t.Fatalf("viewer %d: the wall does not end", viewer)
			}
		}
		if !slices.Equal(got, want) || total != len(want) {
			t.Errorf("viewer %d: wall pages gave %v, want %v (total %d)", viewer, got, want, total)
		}
		if viewer == 6 && len(want) >= 11 {
			t.Errorf("viewer 6 (no part in the private ones) sees %d of 11, want fewer", len(want))
		}
	}
}
